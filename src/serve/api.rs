//! The JSON API: `GET /api/<command>?<args>` answers through [`crate::api`] with exactly
//! the CLI's `--format json` text; errors are `{"error", "hint"}` with 400 or 404. The OpenAPI
//! document is generated from [`crate::api::commands`], so it lists what the CLI accepts.

use super::AppState;
use crate::api::{Answered, ApiError, ArgKind, Status, clip};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Map, Value, json};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/{command}", get(call))
}

/// A JSON body with our content type.
pub(super) fn json_response(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut r = (status, body.into()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r
}

/// `{"error": ..., "hint": ...}` with a status.
pub(super) fn error_response(status: StatusCode, message: &str, hint: Option<&str>) -> Response {
    json_response(status, pretty(&json!({"error": message, "hint": hint})))
}

pub(super) fn status_of(e: &ApiError) -> StatusCode {
    match e.status {
        Status::BadRequest => StatusCode::BAD_REQUEST,
        Status::NotFound => StatusCode::NOT_FOUND,
    }
}

fn api_error(e: &ApiError) -> Response {
    json_response(status_of(e), pretty(&e.to_json()))
}

/// Pretty JSON with a final newline, as the CLI prints it.
pub(super) fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// The named arguments of a query string. Every value is a string (the API turns it into the
/// argument's kind); an empty value counts as absent, as an empty form field does; a name
/// given twice is refused rather than one of the two silently winning.
pub(super) fn query_args(raw: Option<&str>) -> Result<Map<String, Value>, ApiError> {
    let mut args = Map::new();
    for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        if k.is_empty() && v.is_empty() {
            continue;
        }
        if args.contains_key(k.as_ref()) {
            return Err(ApiError::bad(
                format!("argument `{}` is given twice", clip(&k)),
                "give each argument once",
            ));
        }
        if v.is_empty() {
            // Reserve the name so a second, non-empty copy is still caught.
            args.insert(k.into_owned(), Value::Null);
            continue;
        }
        args.insert(k.into_owned(), Value::String(v.into_owned()));
    }
    args.retain(|_, v| !v.is_null());
    Ok(args)
}

/// The command named by the last path segment, percent-decoded.
pub(super) fn segment(uri: &Uri, prefix: &str) -> Result<String, ApiError> {
    let raw = uri.path().strip_prefix(prefix).unwrap_or_default();
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| ApiError::bad("the address is not valid UTF-8", "see /api/openapi.json"))
}

async fn call(State(st): State<AppState>, uri: Uri, RawQuery(q): RawQuery) -> Response {
    let (command, args) =
        match segment(&uri, "/api/").and_then(|c| Ok((c, query_args(q.as_deref())?))) {
            Ok(x) => x,
            Err(e) => return api_error(&e),
        };
    let key = Answers::key(&command, &args);
    if let Some(body) = st.answers.get(&key) {
        return json_response(StatusCode::OK, body);
    }
    // A point lookup costs less than the hop to a blocking thread and back, so the async
    // worker answers it; anything that may scan, search or read the disk goes to a blocking
    // thread, so a slow answer never stalls the other connections.
    let answered = if crate::api::is_point_lookup(&command) {
        Ok(json_body(&st.engine, &command, &args))
    } else {
        let engine = st.engine.clone();
        tokio::task::spawn_blocking(move || json_body(&engine, &command, &args)).await
    };
    match answered {
        Ok(Ok(body)) => {
            st.answers.put(key, body.clone());
            json_response(StatusCode::OK, body)
        }
        Ok(Err(e)) => api_error(&e),
        Err(_) => error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the answer failed unexpectedly",
            Some("this is a bug in lexchron; please report the address you asked"),
        ),
    }
}

/// The CLI's `--format json` text for a call, serialized straight into the body's buffer.
/// `api::answer` is `api::call` before rendering: the table the CLI would also render is
/// never built.
fn json_body(
    engine: &crate::exec::Engine,
    command: &str,
    args: &Map<String, Value>,
) -> Result<Bytes, ApiError> {
    match crate::api::answer(engine, command, args)? {
        Answered::One(answer) => {
            let mut buf = Vec::with_capacity(16 * 1024);
            crate::render::json::write(&answer, &mut buf);
            Ok(Bytes::from(buf))
        }
        Answered::Ask { json, .. } => Ok(Bytes::from(pretty(&json))),
    }
}

/// Successful JSON answers by normalized call. An answer depends only on the call, the data
/// and "today", and the server holds all three fixed, so a kept answer is never stale.
pub(crate) struct Answers {
    /// The bodies, and how many bytes they hold together.
    map: std::sync::Mutex<(std::collections::HashMap<String, Bytes>, usize)>,
    cap: usize,
}

/// The most the kept bodies may hold together: one answer can be 100 KB or more (a wide
/// `covers`), and distinct calls cost a client nothing, so a count alone would not bound
/// the memory.
const ANSWER_BYTES: usize = 32 << 20;

impl Answers {
    pub(crate) fn new(cap: usize) -> Answers {
        Answers {
            map: Default::default(),
            cap,
        }
    }

    /// The command and its arguments in name order, so `?a=1&b=2` and `?b=2&a=1` share one.
    fn key(command: &str, args: &Map<String, Value>) -> String {
        let sorted: std::collections::BTreeMap<&String, &Value> = args.iter().collect();
        format!(
            "{command}\u{0}{}",
            serde_json::to_string(&sorted).unwrap_or_default()
        )
    }

    fn get(&self, key: &str) -> Option<Bytes> {
        self.map.lock().ok()?.0.get(key).cloned()
    }

    /// Keeps a body (a reference count, not a copy).
    fn put(&self, key: String, body: Bytes) {
        if self.cap == 0 || body.len() > ANSWER_BYTES / 16 {
            return;
        }
        if let Ok(mut guard) = self.map.lock() {
            let (m, bytes) = &mut *guard;
            if m.len() >= self.cap || *bytes + body.len() > ANSWER_BYTES {
                m.clear();
                *bytes = 0;
            }
            *bytes += body.len();
            if let Some(old) = m.insert(key, body) {
                *bytes -= old.len();
            }
        }
    }
}

async fn openapi() -> Response {
    // The document depends only on the CLI's definitions: built once per process.
    static DOC: std::sync::OnceLock<Bytes> = std::sync::OnceLock::new();
    let doc = DOC.get_or_init(|| Bytes::from(pretty(&openapi_document())));
    json_response(StatusCode::OK, doc.clone())
}

/// OpenAPI 3.1: one GET path per query command, one query parameter per CLI argument.
pub fn openapi_document() -> Value {
    let mut paths = Map::new();
    for c in crate::api::commands() {
        let params: Vec<Value> = c
            .args
            .iter()
            .map(|a| {
                let mut schema = json!({"type": match a.kind {
                    ArgKind::String => "string",
                    ArgKind::Integer => "integer",
                    ArgKind::Boolean => "boolean",
                }});
                if let Some(d) = &a.default {
                    schema["default"] = match a.kind {
                        ArgKind::Integer => d.parse::<i64>().map_or(json!(d), |n| json!(n)),
                        _ => json!(d),
                    };
                }
                if !a.choices.is_empty() {
                    schema["enum"] = json!(a.choices);
                }
                json!({"name": a.name, "in": "query", "required": a.required, "description": a.help, "schema": schema})
            })
            .collect();
        let error = |what: &str| json!({"description": what, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
        paths.insert(
            format!("/api/{}", c.name),
            json!({"get": {
                "operationId": c.name,
                "summary": c.about,
                "description": format!("The same answer as `lexchron {} --format json`; HTML at /{}.", c.name, c.name),
                "parameters": params,
                "responses": {
                    "200": {"description": "The CLI's JSON answer", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "400": error("Malformed arguments"),
                    "404": error("Unknown command, reference, topic or date outside the data"),
                }
            }}),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "lexchron",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "What law applied when: Kazakhstan's criminal codes, edition by edition. Read-only; every answer is the CLI's --format json answer."
        },
        "paths": paths,
        "components": {"schemas": {"Error": {
            "type": "object",
            "required": ["error", "hint"],
            "properties": {"error": {"type": "string"}, "hint": {"type": ["string", "null"]}}
        }}}
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn empty_values_are_absent_and_repeats_refused() {
        let a = query_args(Some("ref=cc1997:128&at=&&limit=3")).unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(a["ref"], "cc1997:128");
        assert!(query_args(Some("at=&at=2005")).is_err());
        assert!(query_args(Some("ref=a&ref=b")).is_err());
        assert_eq!(query_args(None).unwrap().len(), 0);
        assert_eq!(
            query_args(Some("question=a+b%21")).unwrap()["question"],
            "a b!"
        );
    }

    #[test]
    fn the_answer_cache_keeps_bodies_within_its_count_and_bytes() {
        let body = |n: usize| Bytes::from(vec![b'x'; n]);
        let a = Answers::new(2);
        a.put("one".into(), body(10));
        assert_eq!(a.get("one").map(|b| b.len()), Some(10));
        a.put("two".into(), body(10));
        // Full by count: the third call starts a new set.
        a.put("three".into(), body(10));
        assert!(a.get("one").is_none() && a.get("two").is_none());
        assert!(a.get("three").is_some());
        // A body too large to keep is not kept, and does not empty the set.
        a.put("huge".into(), body(ANSWER_BYTES / 16 + 1));
        assert!(a.get("huge").is_none() && a.get("three").is_some());
        // By bytes: bodies that fit one by one but not together start a new set.
        let b = Answers::new(1_000);
        for i in 0..17 {
            b.put(format!("k{i}"), body(ANSWER_BYTES / 16));
        }
        assert!(b.get("k0").is_none(), "the first set was dropped");
        assert!(b.get("k16").is_some());
        let kept = b.map.lock().unwrap().1;
        assert!(kept <= ANSWER_BYTES, "{kept}");
        // Cap 0 keeps nothing.
        let none = Answers::new(0);
        none.put("one".into(), body(1));
        assert!(none.get("one").is_none());
    }

    proptest! {
        #[test]
        fn encoded_pairs_read_back(pairs in proptest::collection::btree_map("[a-z]{1,8}", "\\PC{1,20}", 0..6)) {
            let mut s = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &pairs {
                s.append_pair(k, v);
            }
            let args = query_args(Some(&s.finish())).unwrap();
            prop_assert_eq!(args.len(), pairs.len());
            for (k, v) in &pairs {
                prop_assert_eq!(args[k].as_str(), Some(v.as_str()));
            }
        }

        #[test]
        fn any_query_string_parses_or_is_refused(raw in "\\PC{0,80}") {
            // Never a panic; a refusal is a 400 with a message.
            if let Err(e) = query_args(Some(&raw)) {
                prop_assert_eq!(e.status, Status::BadRequest);
                prop_assert!(!e.message.is_empty());
            }
        }
    }
}
