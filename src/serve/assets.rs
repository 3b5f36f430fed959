//! Static files, embedded in the binary: a fixed table of names, so no request can name a
//! path on disk (`..`, encoded slashes and the like simply match nothing).

use super::AppState;
use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// Name, content type, body.
const FILES: &[(&str, &str, &str)] = &[
    (
        "style.css",
        "text/css; charset=utf-8",
        include_str!("assets/style.css"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_str!("assets/app.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_str!("assets/favicon.svg"),
    ),
];

pub(super) fn routes() -> Router<AppState> {
    Router::new().route("/assets/{name}", get(asset)).route(
        "/favicon.ico",
        get(|| asset(Path("favicon.svg".to_string()))),
    )
}

/// The embedded file of that exact name, if there is one.
pub(super) fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, t, b)| (*t, *b))
}

async fn asset(Path(name): Path<String>) -> Response {
    match lookup(&name) {
        Some((kind, body)) => {
            let mut r = (StatusCode::OK, body).into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            r
        }
        None => super::api::error_response(
            StatusCode::NOT_FOUND,
            "no such file",
            Some("the server's files are style.css, app.js and favicon.svg under /assets/"),
        ),
    }
}
