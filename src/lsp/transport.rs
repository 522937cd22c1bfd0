//! JSON-RPC framing over standard input and output (`Content-Length` headers). Unlike
//! lsp-server's own stdio threads, a malformed frame or payload does not end the reader: it is
//! answered with a JSON-RPC parse error and the next frame is read.

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::Message;
use std::io::{self, BufRead, Write};
use std::thread;

/// The largest message the server reads: a document far above the size the server lints
/// still arrives, and gets the diagnostic that says so. A larger message is skipped, answered
/// with an error.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// What goes out: a message, or a raw JSON-RPC text (a parse error with a `null` id).
pub enum Outgoing {
    Message(Message),
    Raw(String),
    /// Everything before this is written; stop.
    Close,
}

/// The channels of a running server and its two I/O threads.
pub struct Transport {
    pub receiver: Receiver<Message>,
    pub sender: Sender<Outgoing>,
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Transport {
    pub fn stdio() -> Transport {
        let (out_tx, out_rx) = unbounded::<Outgoing>();
        let (in_tx, in_rx) = bounded::<Message>(16);
        let errors = out_tx.clone();
        let writer = thread::spawn(move || {
            let stdout = io::stdout();
            let mut stdout = stdout.lock();
            for outgoing in out_rx {
                let ok = match outgoing {
                    Outgoing::Message(m) => m.write(&mut stdout).is_ok(),
                    Outgoing::Raw(text) => {
                        write!(stdout, "Content-Length: {}\r\n\r\n{text}", text.len())
                            .and_then(|()| stdout.flush())
                            .is_ok()
                    }
                    Outgoing::Close => false,
                };
                if !ok {
                    break;
                }
            }
        });
        let reader = thread::spawn(move || {
            let stdin = io::stdin();
            let mut stdin = stdin.lock();
            loop {
                match read_frame(&mut stdin) {
                    Ok(Some(body)) => match serde_json::from_slice::<Message>(&body) {
                        Ok(message) => {
                            if in_tx.send(message).is_err() {
                                break;
                            }
                        }
                        Err(e) => {
                            let error = serde_json::json!({
                                "jsonrpc": "2.0", "id": null,
                                "error": { "code": -32700, "message": format!("parse error: {e}") },
                            });
                            let _ = errors.send(Outgoing::Raw(error.to_string()));
                        }
                    },
                    Ok(None) => break,
                    // A frame too large to read, skipped: said, with no id to answer.
                    Err(e) if e.kind() == io::ErrorKind::FileTooLarge => {
                        let error = serde_json::json!({
                            "jsonrpc": "2.0", "id": null,
                            "error": { "code": -32600, "message": e.to_string() },
                        });
                        let _ = errors.send(Outgoing::Raw(error.to_string()));
                    }
                    Err(_) => continue,
                }
            }
        });
        Transport {
            receiver: in_rx,
            sender: out_tx,
            reader,
            writer,
        }
    }

    /// Waits for the writer to write everything the server sent. The reader may be blocked on
    /// standard input; it ends with the process.
    pub fn join(self) {
        let _ = self.sender.send(Outgoing::Close);
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// One frame's body; `Ok(None)` at the end of input; `Err` for a frame to skip.
fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut line = String::new();
    let mut saw_header = false;
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end();
        if header.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "no usable Content-Length",
        ));
    };
    if length > MAX_MESSAGE {
        // Read past its body, so that the next frame starts where the reader is.
        io::copy(&mut io::Read::take(&mut *r, length as u64), &mut io::sink())?;
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "a message of {length} bytes is above the server's limit of {} MiB: skipped",
                MAX_MESSAGE / (1024 * 1024)
            ),
        ));
    }
    let mut body = vec![0; length];
    r.read_exact(&mut body)?;
    Ok(Some(body))
}
