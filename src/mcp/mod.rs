//! The MCP server (`lexchron mcp`): one rmcp handler, [`Server`], serving every query command
//! as a tool through [`crate::api::call`], over stdio ([`serve`]) or Streamable HTTP
//! ([`http_service`], which `lexchron serve` mounts at `/mcp`).
//!
//! Invariants: `structuredContent` is exactly the CLI's `--format json` answer; a bad request
//! is a tool result with `isError`, never a crash; nothing but protocol messages reaches the
//! writer (logs go to the callback the binary gives, which prints to stderr).

pub mod tools;
pub mod wire;

use crate::api;
use crate::exec::Engine;
use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, CustomRequest,
    CustomResult, ErrorCode, Implementation, JsonObject, ListToolsResult, PaginatedRequestParams,
    ServerCapabilities, ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use rmcp::{ErrorData, RoleServer, ServerHandler, ServiceExt};
use serde_json::Value;
use std::sync::Arc;
use tokio::io::{AsyncRead, AsyncWrite};

/// The engine as the handler holds it: shared by every session and request.
pub type SharedEngine = Arc<Engine>;

/// Where the server reports what it does (the binary prints to stderr).
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// Longest argument value accepted, in characters: a reference, a date or a question is far
/// shorter; longer ones are protocol abuse and get a JSON-RPC error, not a query.
pub const MAX_ARGUMENT: usize = 4096;

const INSTRUCTIONS: &str = "lexchron answers what Kazakhstan's criminal law said at a given \
date: the 1997 Criminal Code (in force 1998-01-01 to 2014-12-31) and the 2014 code (from \
2015-01-01), edition by edition, with penalties, renumbering between the codes, amending acts, \
sources and confidence grades. References: cc1997:128, cc2014:135.2, bare 128 (the code in \
force then). Dates: 2008, 2008-06, 2008-06-01, 2003..2016, today. Quote the dates and sources \
from the answers; every tool is read-only.";

/// The MCP handler. Cheap to clone: each stdio session or HTTP session gets a clone.
#[derive(Clone)]
pub struct Server {
    engine: SharedEngine,
    tools: Arc<Vec<Tool>>,
    log: Option<Log>,
}

impl Server {
    pub fn new(engine: SharedEngine) -> Server {
        let tools = api::commands().iter().map(tools::tool).collect();
        Server {
            engine,
            tools: Arc::new(tools),
            log: None,
        }
    }

    /// Reports sessions and failures to `log`.
    pub fn with_log(mut self, log: Log) -> Server {
        self.log = Some(log);
        self
    }

    fn log(&self, message: &str) {
        if let Some(l) = &self.log {
            l(message);
        }
    }

    /// The tools, as `tools/list` returns them.
    pub fn tools(&self) -> &[Tool] {
        &self.tools
    }

    /// Checks a call before it runs: the tool exists and no argument is absurdly long.
    fn admit(&self, name: &str, args: &JsonObject) -> Result<(), ErrorData> {
        if !self.tools.iter().any(|t| t.name == name) {
            let names: Vec<&str> = self.tools.iter().map(|t| t.name.as_ref()).collect();
            return Err(ErrorData::invalid_params(
                format!("unknown tool `{name}`; the tools are: {}", names.join(", ")),
                None,
            ));
        }
        for (k, v) in args {
            let long = match v {
                Value::String(s) => s.chars().count() > MAX_ARGUMENT,
                Value::Array(_) | Value::Object(_) => v.to_string().len() > MAX_ARGUMENT,
                _ => false,
            };
            if long || k.len() > 64 {
                return Err(ErrorData::invalid_params(
                    format!(
                        "argument `{}` is longer than {MAX_ARGUMENT} characters",
                        k.chars().take(64).collect::<String>()
                    ),
                    None,
                ));
            }
        }
        Ok(())
    }

    /// Answers one tool call synchronously: the work both transports share.
    pub fn answer(&self, name: &str, args: &JsonObject) -> Result<CallToolResult, ErrorData> {
        self.admit(name, args)?;
        Ok(match api::call(&self.engine, name, args) {
            Ok(reply) => {
                for n in &reply.notices {
                    self.log(n);
                }
                let mut r = CallToolResult::success(vec![ContentBlock::text(reply.table)]);
                r.structured_content = Some(reply.json);
                r
            }
            Err(e) => {
                let mut r = CallToolResult::error(vec![ContentBlock::text(e.text.clone())]);
                r.structured_content = Some(e.to_json());
                r
            }
        })
    }
}

impl ServerHandler for Server {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(
                Implementation::new("lexchron", env!("CARGO_PKG_VERSION"))
                    .with_title("lexchron: what law applied when"),
            )
            .with_instructions(INSTRUCTIONS)
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(self.tools.to_vec()))
    }

    /// rmcp reads a known method with malformed parameters as an unknown custom method; say
    /// which it is.
    async fn on_custom_request(
        &self,
        request: CustomRequest,
        _context: RequestContext<RoleServer>,
    ) -> Result<CustomResult, ErrorData> {
        let method = request.method;
        let known = [
            "initialize",
            "ping",
            "tools/list",
            "tools/call",
            "resources/list",
            "resources/read",
            "resources/templates/list",
            "prompts/list",
            "prompts/get",
            "completion/complete",
            "logging/setLevel",
            "server/discover",
        ]
        .contains(&method.as_str());
        let shown: String = method.chars().take(80).collect();
        Err(if known {
            ErrorData::invalid_params(format!("malformed parameters for `{shown}`"), None)
        } else {
            ErrorData::new(
                ErrorCode::METHOD_NOT_FOUND,
                format!("unknown method `{shown}`"),
                None,
            )
        })
    }

    fn get_tool(&self, name: &str) -> Option<Tool> {
        self.tools.iter().find(|t| t.name == name).cloned()
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        let args = request.arguments.unwrap_or_default();
        let name = request.name.to_string();
        self.admit(&name, &args)?;
        let this = self.clone();
        // Queries are CPU work (the first search builds an index): keep them off the async
        // threads, and a panic in one becomes an error for that call alone.
        let joined = tokio::task::spawn_blocking(move || this.answer(&name, &args)).await;
        match joined {
            Ok(result) => result.map(Into::into),
            Err(e) => {
                self.log(&format!("lexchron mcp: a tool call failed: {e}"));
                Err(ErrorData::internal_error(
                    "the query failed unexpectedly; the server is still running",
                    None,
                ))
            }
        }
    }
}

/// Serves MCP on a reader and writer (the binary passes stdin and stdout) until the reader
/// ends. A client that botches the handshake gets a fresh session on the same streams.
pub async fn serve<R, W>(server: Server, read: R, write: W) -> std::io::Result<()>
where
    R: AsyncRead + Unpin + Send + 'static,
    W: AsyncWrite + Unpin + Send + 'static,
{
    let (wire, writer) = wire::Wire::new(read, write);
    let session = async move {
        loop {
            match server.clone().serve(wire.clone()).await {
                Ok(running) => {
                    let _ = running.waiting().await;
                }
                // At end of input there is nobody left to tell.
                Err(_) if wire.closed() => {}
                Err(e) => server.log(&format!("lexchron mcp: session did not start: {e}")),
            }
            if wire.closed() {
                break;
            }
        }
    };
    let ((), written) = tokio::join!(session, writer);
    written
}

/// The Streamable HTTP service (a tower service) over the same handler; the web server mounts
/// it at `/mcp`. Its `config` is public for limits and allowed hosts (loopback by default).
pub type HttpService = StreamableHttpService<Server, LocalSessionManager>;

pub fn http_service(server: Server) -> HttpService {
    StreamableHttpService::new(
        move || Ok(server.clone()),
        LocalSessionManager::default().into(),
        StreamableHttpServerConfig::default(),
    )
}
