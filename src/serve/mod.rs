//! `lexchron serve`: the web app and JSON API over one shared [`Engine`], on axum and tokio.
//!
//! Routes: `/api/<command>?<args>` (the CLI's JSON, through [`crate::api`]), `/api/openapi.json`,
//! `/<command>?<args>` (the same answer as an HTML page, with charts), `/` (home) and
//! `/assets/<name>` (embedded files; nothing is read from disk). Limits are layers or belong to
//! the accept loop, never to handlers: URL length, header count and size, body size, time per
//! request, concurrent connections. Read-only: only GET and HEAD are answered.

mod api;
mod assets;
mod pages;

use crate::exec::Engine;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::future::Future;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Where to listen.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub bind: IpAddr,
    pub port: u16,
}

/// The bounds every request and connection lives within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest accepted path plus query, in bytes (414 beyond).
    pub max_uri: usize,
    /// Most header lines in a request (431 beyond).
    pub max_headers: usize,
    /// Read buffer per connection, which bounds the request head (431 beyond).
    pub max_head_bytes: usize,
    /// Largest request body (413 beyond); nothing here reads one.
    pub max_body: usize,
    /// Time to answer one request (408 beyond).
    pub request_time: Duration,
    /// Time a client may take to send its request head.
    pub head_time: Duration,
    /// Connections served at once; more wait in the listen queue.
    pub connections: usize,
    /// JSON answers kept in memory (0: none); the whole set is dropped when it is full.
    pub cached_answers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_uri: 4096,
            max_headers: 64,
            max_head_bytes: 16 * 1024,
            max_body: 1024,
            request_time: Duration::from_secs(10),
            head_time: Duration::from_secs(5),
            connections: 256,
            cached_answers: 4096,
        }
    }
}

/// The Content-Security-Policy of every response: our own styles and script only, inline SVG,
/// no frames, forms only to us.
pub const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

#[derive(Clone)]
pub(crate) struct AppState {
    pub engine: Arc<Engine>,
    pub answers: Arc<api::Answers>,
}

/// The whole application as a router, limits and headers included.
pub fn router(engine: Arc<Engine>, limits: &Limits) -> Router {
    // MCP over Streamable HTTP needs POST, larger bodies and long-lived event streams, so it
    // sits beside the read-only pages rather than behind their guard and timeout; it shares
    // the engine, and rmcp accepts loopback Host headers only by default.
    let mcp = Router::new()
        .nest_service(
            "/mcp",
            crate::mcp::http_service(crate::mcp::Server::new(engine.clone())),
        )
        .layer(RequestBodyLimitLayer::new(MCP_MAX_BODY));
    let state = AppState {
        engine,
        answers: Arc::new(api::Answers::new(limits.cached_answers)),
    };
    let max_uri = limits.max_uri;
    let pages = Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .merge(assets::routes())
        .fallback(pages::not_found)
        .with_state(state)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            guard(req, next, max_uri)
        }))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_time,
        ))
        .layer(RequestBodyLimitLayer::new(limits.max_body))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ));
    mcp.merge(pages)
}

/// The largest MCP request body: the MCP server itself refuses arguments past a few KB, so
/// this only bounds what is read before that check.
const MCP_MAX_BODY: usize = 4 * 1024 * 1024;

/// Read-only and bounded: other methods get 405, over-long URLs 414, before any handler.
async fn guard(req: Request, next: Next, max_uri: usize) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = api::error_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("method {} is not served here", req.method()),
            Some("lexchron serve is read-only: use GET"),
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if len > max_uri {
        return api::error_response(
            StatusCode::URI_TOO_LONG,
            &format!("the address is {len} bytes long; at most {max_uri} are accepted"),
            Some("shorten the arguments"),
        );
    }
    next.run(req).await.into_response()
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets open requests finish (up
/// to a few seconds). At most `limits.connections` connections are served at once.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.head_time)
        .max_headers(limits.max_headers)
        .max_buf_size(limits.max_head_bytes.max(8192));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            p = slots.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
        };
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            s = listener.accept() => match s {
                Ok((s, _)) => s,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => { tokio::time::sleep(Duration::from_millis(20)).await; continue }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {}
        _ = tokio::time::sleep(Duration::from_secs(5)) => {}
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn signals() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = term => {}
    }
}

/// Runs the server until Ctrl-C or SIGTERM: prints the address on `out`, warnings on `err`.
/// Returns the exit code (0 after a clean shutdown, 2 if the address cannot be bound).
pub fn run(engine: Engine, opts: Options, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    if !opts.bind.is_loopback() {
        let _ = writeln!(
            err,
            "warning: serving on {}, reachable from other machines; lexchron has no login, \
             so anyone who can reach this address can query it",
            opts.bind
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "error: cannot start the server runtime: {e}");
            return crate::cli::EXIT_USAGE;
        }
    };
    let engine = Arc::new(engine);
    // Open the search index before the first request, so no search waits for it.
    let warm = engine.clone();
    std::thread::spawn(move || {
        let _ = warm.index();
    });
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = match runtime.block_on(tokio::net::TcpListener::bind(addr)) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot listen on {addr}: {e}\n  = hint: pick another --port, or stop what is using it"
            );
            return crate::cli::EXIT_USAGE;
        }
    };
    let shown = listener.local_addr().unwrap_or(addr);
    let _ = writeln!(
        out,
        "lexchron is serving on http://{shown}/ (JSON API under /api/, Ctrl-C to stop)"
    );
    let _ = out.flush();
    let limits = Limits::default();
    let app = router(engine, &limits);
    match runtime.block_on(serve_on(listener, app, limits, signals())) {
        Ok(()) => {
            let _ = writeln!(err, "stopped");
            0
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            crate::cli::EXIT_USAGE
        }
    }
}
