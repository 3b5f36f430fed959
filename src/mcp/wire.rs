//! The stdio framing: newline-delimited JSON-RPC over any async reader and writer, as an
//! rmcp [`Transport`]. Unlike rmcp's own, it answers every line it cannot deliver: malformed
//! JSON gets a parse error, a message of the wrong shape an invalid-request (or invalid-params)
//! error carrying its id when it has one, an oversized line a request-too-large error.

use rmcp::RoleServer;
use rmcp::service::{RxJsonRpcMessage, TxJsonRpcMessage};
use rmcp::transport::Transport;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{Mutex, mpsc};

/// Longest message read, in bytes: this bounds the memory one line can take. Real tool calls
/// are well under a kilobyte; a longer line up to this size is still read whole so that the
/// refusal (an argument too long) can carry the request's id.
pub const MAX_MESSAGE: usize = 4 * 1024 * 1024;

/// JSON-RPC error codes (the spec's).
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const INVALID_PARAMS: i64 = -32602;

struct Reader<R> {
    inner: BufReader<R>,
    /// The line being read; kept across cancelled reads (rmcp polls `receive` in a select).
    line: Vec<u8>,
    /// Skipping the rest of an oversized line.
    discarding: bool,
    /// An error reply not yet handed to the writer (kept if a read is cancelled).
    pending: Option<Vec<u8>>,
}

/// The reading half of a connection and a way to the writer. Cheap handles share it, so a
/// new rmcp session can start on the same streams after a client botched the handshake.
///
/// Every outgoing line goes through one writer (see [`Wire::new`]), so lines never interleave,
/// even when rmcp drops a `receive` half-way.
pub struct Wire<R> {
    reader: Arc<Mutex<Reader<R>>>,
    out: mpsc::Sender<Vec<u8>>,
    eof: Arc<AtomicBool>,
}

impl<R> Clone for Wire<R> {
    fn clone(&self) -> Self {
        Wire {
            reader: self.reader.clone(),
            out: self.out.clone(),
            eof: self.eof.clone(),
        }
    }
}

impl<R> Wire<R>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    /// The wire, and the writer future that must run beside it: it writes whole lines to
    /// `write` and ends (flushed) once every handle is dropped.
    pub fn new<W>(read: R, mut write: W) -> (Self, impl Future<Output = std::io::Result<()>> + Send)
    where
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let (out, mut lines) = mpsc::channel::<Vec<u8>>(64);
        let writer = async move {
            while let Some(mut line) = lines.recv().await {
                line.push(b'\n');
                write.write_all(&line).await?;
                // Flush only when nothing else is queued: one syscall for a burst.
                if lines.is_empty() {
                    write.flush().await?;
                }
            }
            write.flush().await
        };
        let wire = Wire {
            reader: Arc::new(Mutex::new(Reader {
                inner: BufReader::new(read),
                line: Vec::new(),
                discarding: false,
                pending: None,
            })),
            out,
            eof: Arc::new(AtomicBool::new(false)),
        };
        (wire, writer)
    }

    /// Whether the reading side has ended (the client closed its end).
    pub fn closed(&self) -> bool {
        self.eof.load(Ordering::SeqCst)
    }

    fn error_line(id: Value, code: i64, message: String) -> Vec<u8> {
        json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
            .to_string()
            .into_bytes()
    }

    /// Reads one line, or `None` at end of input. `Some(Err(()))` is an oversized line, already
    /// cut off.
    async fn next_line(reader: &mut Reader<R>) -> std::io::Result<Option<Result<Vec<u8>, ()>>> {
        loop {
            let room = (MAX_MESSAGE + 1).saturating_sub(reader.line.len()) as u64;
            let Reader {
                inner,
                line,
                discarding,
                ..
            } = reader;
            let n = if *discarding {
                let mut skipped = Vec::new();
                let n = inner
                    .take(64 * 1024)
                    .read_until(b'\n', &mut skipped)
                    .await?;
                if skipped.last() == Some(&b'\n') {
                    *discarding = false;
                }
                if n == 0 {
                    return Ok(None);
                }
                continue;
            } else {
                inner.take(room).read_until(b'\n', line).await?
            };
            if line.last() == Some(&b'\n') {
                let mut l = std::mem::take(line);
                l.pop();
                if l.last() == Some(&b'\r') {
                    l.pop();
                }
                return Ok(Some(Ok(l)));
            }
            if line.len() > MAX_MESSAGE {
                line.clear();
                *discarding = true;
                return Ok(Some(Err(())));
            }
            if n == 0 {
                // End of input; an unterminated last line is still a message.
                if line.is_empty() {
                    return Ok(None);
                }
                return Ok(Some(Ok(std::mem::take(line))));
            }
        }
    }

    async fn receive_message(&self) -> Option<RxJsonRpcMessage<RoleServer>> {
        let mut reader = self.reader.lock().await;
        loop {
            if let Some(reply) = &reader.pending {
                if self.out.send(reply.clone()).await.is_err() {
                    self.eof.store(true, Ordering::SeqCst);
                    return None;
                }
                reader.pending = None;
            }
            let line = match Self::next_line(&mut reader).await {
                Ok(Some(l)) => l,
                Ok(None) | Err(_) => {
                    self.eof.store(true, Ordering::SeqCst);
                    return None;
                }
            };
            let reply = match line {
                Err(()) => Self::error_line(
                    Value::Null,
                    INVALID_REQUEST,
                    format!("message longer than {MAX_MESSAGE} bytes; nothing was done"),
                ),
                Ok(l) => {
                    let l = l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&l);
                    if l.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    match serde_json::from_slice::<RxJsonRpcMessage<RoleServer>>(l) {
                        Ok(m) => return Some(m),
                        Err(e) => match serde_json::from_slice::<Value>(l) {
                            Err(_) => Self::error_line(
                                Value::Null,
                                PARSE_ERROR,
                                format!("parse error: {e}"),
                            ),
                            Ok(v) => {
                                let id = v
                                    .get("id")
                                    .cloned()
                                    .filter(|i| i.is_string() || i.is_i64() || i.is_u64());
                                let has_method = v.get("method").is_some_and(Value::is_string);
                                match (id, has_method) {
                                    // A notification that cannot be read gets no reply, as
                                    // JSON-RPC says; nor does a response we cannot read.
                                    (None, true) => continue,
                                    (Some(_), false)
                                        if v.get("result").is_some()
                                            || v.get("error").is_some() =>
                                    {
                                        continue;
                                    }
                                    (Some(id), true) => Self::error_line(
                                        id,
                                        INVALID_PARAMS,
                                        format!("invalid parameters: {e}"),
                                    ),
                                    (id, false) => Self::error_line(
                                        id.unwrap_or(Value::Null),
                                        INVALID_REQUEST,
                                        format!("not a JSON-RPC 2.0 request: {e}"),
                                    ),
                                }
                            }
                        },
                    }
                }
            };
            reader.pending = Some(reply);
        }
    }
}

impl<R> Transport<RoleServer> for Wire<R>
where
    R: AsyncRead + Unpin + Send + 'static,
{
    type Error = std::io::Error;

    fn send(
        &mut self,
        item: TxJsonRpcMessage<RoleServer>,
    ) -> impl Future<Output = Result<(), Self::Error>> + Send + 'static {
        let out = self.out.clone();
        async move {
            let bytes = serde_json::to_vec(&item).map_err(std::io::Error::other)?;
            out.send(bytes)
                .await
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
        }
    }

    fn receive(&mut self) -> impl Future<Output = Option<RxJsonRpcMessage<RoleServer>>> + Send {
        self.receive_message()
    }

    async fn close(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}
