//! JSON-RPC over a byte stream (`Content-Length` framing), on two threads.
//!
//! `lsp-server`'s own stdio transport stops reading at the first message it
//! cannot parse and allocates whatever `Content-Length` says; this one
//! answers a malformed message with a JSON-RPC error (`-32700` parse
//! error, `-32600` invalid request, id `null` when it has none) and goes on
//! reading, and discards a message over [`MAX_MESSAGE`] without holding it.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{unbounded, Receiver, Sender};
use lsp_server::{ErrorCode, Message};
use serde_json::{json, Value};

/// The largest message read (bytes of JSON): a document of the CLI's
/// largest file size, 10 MiB, with every character escaped as `\uXXXX`
/// fits.
pub const MAX_MESSAGE: usize = 128 << 20;

/// The longest header line read.
const MAX_HEADER_LINE: usize = 4096;

/// What the writer thread sends.
#[derive(Debug)]
pub enum Out {
    /// A protocol message.
    Msg(Message),
    /// Ready JSON (errors about messages that have no usable id).
    Raw(Value),
}

/// The two ends the server sees, and the threads behind them.
pub struct Transport {
    /// Messages read, in order; closed at end of input or after `exit`.
    pub incoming: Receiver<Message>,
    /// Messages to write.
    pub outgoing: Sender<Out>,
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Transport {
    /// Standard input and output.
    pub fn stdio() -> io::Result<Transport> {
        Transport::over(io::BufReader::new(io::stdin()), io::stdout())
    }

    /// Any reader and writer.
    pub fn over<R, W>(mut input: R, mut output: W) -> io::Result<Transport>
    where
        R: BufRead + Send + 'static,
        W: Write + Send + 'static,
    {
        let (out_tx, out_rx) = unbounded::<Out>();
        let (in_tx, in_rx) = unbounded::<Message>();
        let writer = thread::Builder::new()
            .name("copyedit-lsp-writer".into())
            .spawn(move || {
                for out in out_rx {
                    let written = match out {
                        Out::Msg(m) => m.write(&mut output),
                        Out::Raw(v) => write_frame(&mut output, &v.to_string()),
                    };
                    if written.is_err() {
                        break;
                    }
                }
            })?;
        let errors = out_tx.clone();
        let reader = thread::Builder::new()
            .name("copyedit-lsp-reader".into())
            .spawn(move || loop {
                match read_frame(&mut input) {
                    Ok(Frame::End) => break,
                    Ok(Frame::Body(body)) => match parse(&body) {
                        Ok(msg) => {
                            let exit =
                                matches!(&msg, Message::Notification(n) if n.method == "exit");
                            if in_tx.send(msg).is_err() || exit {
                                break;
                            }
                        }
                        Err(Some(e)) => {
                            let _ = errors.send(Out::Raw(e));
                        }
                        Err(None) => {}
                    },
                    Ok(Frame::Bad(message)) => {
                        let _ = errors.send(Out::Raw(error(
                            Value::Null,
                            ErrorCode::ParseError,
                            &message,
                        )));
                    }
                    Err(_) => break,
                }
            })?;
        Ok(Transport {
            incoming: in_rx,
            outgoing: out_tx,
            reader,
            writer,
        })
    }

    /// Wait for the writer to send everything queued (call after dropping
    /// every sender). The reader is not waited for: it may be blocked on
    /// input that never comes.
    pub fn finish(self) {
        drop(self.outgoing);
        drop(self.incoming);
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// A JSON-RPC error response.
fn error(id: Value, code: ErrorCode, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code as i32, "message": message}})
}

enum Frame {
    /// End of input.
    End,
    Body(Vec<u8>),
    /// A malformed or oversized message, skipped.
    Bad(String),
}

fn write_frame(w: &mut impl Write, text: &str) -> io::Result<()> {
    write!(w, "Content-Length: {}\r\n\r\n", text.len())?;
    w.write_all(text.as_bytes())?;
    w.flush()
}

/// One header line, at most [`MAX_HEADER_LINE`] bytes kept (the rest of a
/// longer line is read and dropped). `None` at end of input.
fn header_line(r: &mut impl BufRead) -> io::Result<Option<(String, bool)>> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(if line.is_empty() && !too_long {
                None
            } else {
                Some((String::from_utf8_lossy(&line).into_owned(), too_long))
            });
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (buf.get(..=i).unwrap_or(buf), true),
            None => (buf, false),
        };
        let n = chunk.len();
        if line.len() + n <= MAX_HEADER_LINE {
            line.extend_from_slice(chunk);
        } else {
            too_long = true;
        }
        r.consume(n);
        if done {
            return Ok(Some((
                String::from_utf8_lossy(&line).into_owned(),
                too_long,
            )));
        }
    }
}

fn read_frame(r: &mut impl BufRead) -> io::Result<Frame> {
    let mut length: Option<Result<usize, String>> = None;
    let mut bad: Option<String> = None;
    loop {
        let Some((line, too_long)) = header_line(r)? else {
            return Ok(Frame::End);
        };
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if length.is_some() {
                break;
            }
            // Blank lines between messages are tolerated.
            continue;
        }
        if too_long {
            bad = Some("header line too long".into());
            continue;
        }
        match line.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                length = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
                );
            }
            Some(_) => {}
            None => bad = Some(format!("malformed header `{}`", truncate(line))),
        }
    }
    let length = match length {
        Some(Ok(n)) => n,
        Some(Err(e)) => return Ok(Frame::Bad(e)),
        None => return Ok(Frame::Bad("no Content-Length".into())),
    };
    if length > MAX_MESSAGE {
        io::copy(&mut r.take(length as u64), &mut io::sink())?;
        return Ok(Frame::Bad(format!(
            "message of {length} bytes is over the limit of {MAX_MESSAGE}"
        )));
    }
    let mut body = Vec::new();
    r.take(length as u64).read_to_end(&mut body)?;
    if body.len() < length {
        return Ok(Frame::End);
    }
    Ok(match bad {
        Some(e) => Frame::Bad(e),
        None => Frame::Body(body),
    })
}

fn truncate(s: &str) -> String {
    s.chars().take(80).collect()
}

/// A message, or the error to answer with (`None`: nothing to answer, a
/// broken notification).
fn parse(body: &[u8]) -> Result<Message, Option<Value>> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Some(error(Value::Null, ErrorCode::ParseError, &e.to_string())))?;
    let id = value.get("id").cloned();
    let has_method = value.get("method").is_some();
    serde_json::from_value::<Message>(value).map_err(|e| match id {
        Some(id) if has_method => Some(error(id, ErrorCode::InvalidRequest, &e.to_string())),
        None if has_method => None,
        _ => Some(error(
            Value::Null,
            ErrorCode::InvalidRequest,
            "not a JSON-RPC request, response or notification",
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &str) -> Vec<String> {
        let mut r = io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        loop {
            match read_frame(&mut r).unwrap() {
                Frame::End => return out,
                Frame::Body(b) => out.push(String::from_utf8(b).unwrap()),
                Frame::Bad(e) => out.push(format!("bad: {e}")),
            }
        }
    }

    #[test]
    fn framing_survives_garbage() {
        let got = frames(
            "Content-Length: 2\r\n\r\n{}garbage\r\n\r\nContent-Length: x\r\n\r\nContent-Length: 4\r\n\r\nnull",
        );
        // The garbage and the bad length make one broken frame.
        assert_eq!(got, ["{}", "bad: bad Content-Length `x`", "null"]);
        assert_eq!(
            frames("Content-Length: 2\r\nnonsense\r\n\r\n{}")[0],
            "bad: malformed header `nonsense`"
        );
        let huge = format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1);
        assert!(frames(&huge)[0].starts_with("bad: message of"));
        // Cut short: the end of input.
        assert!(frames("Content-Length: 10\r\n\r\n{}").is_empty());
    }

    #[test]
    fn bad_messages_get_errors() {
        let e = parse(b"{not json").unwrap_err().unwrap();
        assert_eq!(e["error"]["code"], -32700);
        assert_eq!(e["id"], Value::Null);
        let e = parse(br#"{"jsonrpc":"2.0","id":7,"method":3}"#)
            .unwrap_err()
            .unwrap();
        assert_eq!(
            (e["id"].clone(), e["error"]["code"].clone()),
            (json!(7), json!(-32600))
        );
        assert!(parse(br#"[1,2]"#).unwrap_err().is_some());
        assert!(matches!(
            parse(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#),
            Ok(Message::Request(_))
        ));
    }
}
