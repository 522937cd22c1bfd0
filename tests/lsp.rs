//! `reqlint lsp` end to end: the built binary, spoken to over stdio exactly as a client frames
//! JSON-RPC. Every wait is bounded, so a broken server fails the test instead of hanging it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Client {
    child: Child,
    stdin: ChildStdin,
    inbox: Receiver<Value>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        Client::start_with(&[])
    }

    /// A server with these environment variables besides the test's own.
    fn start_with(env: &[(&str, String)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_reqlint"))
            .arg("lsp")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, inbox) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        length = v.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            child,
            stdin,
            inbox,
            next_id: 0,
        }
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let text = message.to_string();
        self.raw(format!("Content-Length: {}\r\n\r\n{text}", text.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m["id"] == id)
    }

    fn wait(&self, want: impl Fn(&Value) -> bool) -> Value {
        loop {
            let m = self
                .inbox
                .recv_timeout(Duration::from_secs(10))
                .expect("the server answers within 10 s");
            if want(&m) {
                return m;
            }
        }
    }

    fn diagnostics(&self, uri: &str) -> Value {
        self.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            ["params"]
            .clone()
    }

    fn stop(mut self) -> i32 {
        let r = self.request("shutdown", json!(null));
        assert_eq!(r["result"], Value::Null);
        self.notify("exit", json!(null));
        for _ in 0..100 {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("the server did not exit");
    }
}

fn initialized() -> Client {
    let mut c = Client::start();
    let r = c.request(
        "initialize",
        json!({"capabilities": {}, "processId": null, "rootUri": null}),
    );
    assert_eq!(
        r["result"]["capabilities"]["textDocumentSync"]["change"], 2,
        "incremental sync"
    );
    assert_eq!(r["result"]["capabilities"]["positionEncoding"], "utf-16");
    c.notify("initialized", json!({}));
    c
}

/// Han characters and an emoji before the fault: the range is in UTF-16 code units.
const DOC: &str = "{\n  \"name\": \"镜像🙂\", \"description\": \"测\",\n  \"image_url\": \"ims-image:centos70.qcow2\",\n  \"min_disk\": 300\n}\n";
const URI: &str = "file:///tmp/reqlint-lsp-test/obs-import.json";

#[test]
fn diagnostics_hover_code_actions_and_shutdown() {
    let mut c = initialized();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "json", "version": 1, "text": DOC}}),
    );
    let p = c.diagnostics(URI);
    assert_eq!(p["version"], 1);
    let diags = p["diagnostics"].as_array().unwrap();
    // The name "镜像🙂" holds an emoji: HW001 on the value, columns 10..16 in UTF-16
    // (`"` 1 + 镜 1 + 像 1 + 🙂 2 + `"` 1 = 6 units).
    let hw001 = diags.iter().find(|d| d["code"] == "HW001").expect("HW001");
    assert_eq!(
        hw001["range"],
        json!({"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 16}})
    );
    let ims006 = diags
        .iter()
        .find(|d| d["code"] == "IMS006")
        .expect("IMS006");
    assert_eq!(
        ims006["range"],
        json!({"start": {"line": 3, "character": 14}, "end": {"line": 3, "character": 17}})
    );
    assert_eq!(ims006["severity"], 1);
    assert!(
        ims006["codeDescription"]["href"]
            .as_str()
            .unwrap()
            .ends_with("IMS006.md")
    );

    // An incremental change: 300 -> 40 fixes IMS006.
    c.notify("textDocument/didChange", json!({
        "textDocument": {"uri": URI, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 3, "character": 14}, "end": {"line": 3, "character": 17}}, "text": "40"}],
    }));
    let p = c.diagnostics(URI);
    assert_eq!(p["version"], 2);
    assert!(
        p["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != "IMS006"),
        "{p}"
    );

    // Hover on `min_disk`: what the specification says about it.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 3, "character": 5}}),
    );
    let text = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("min_disk") && text.contains("40-255") && text.contains("Maximum: 255"),
        "{text}"
    );
    // Hover on a finding: the rule's documentation.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 1, "character": 12}}),
    );
    assert!(
        h["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("HW001"),
        "{h}"
    );

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(c.diagnostics(URI)["diagnostics"], json!([]));
    assert_eq!(c.stop(), 0);
}

#[test]
fn code_action_renames_a_deprecated_alibaba_tag_member() {
    let mut c = initialized();
    let uri = "file:///tmp/reqlint-lsp-test/ali.json";
    let text = "{\"RegionId\": \"cn-hangzhou\", \"InstanceId\": \"i-1\", \"Tag\": [{\"key\": \"env\", \"Value\": \"prod\"}]}";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
    );
    let p = c.diagnostics(uri);
    let d = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "ALI027")
        .unwrap()
        .clone();
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let action = &r["result"][0];
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["changes"][uri][0];
    assert_eq!(edit["newText"], "\"Key\"");
    // Apply it as a client would and relint: the finding is gone.
    let start = edit["range"]["start"]["character"].as_u64().unwrap() as usize;
    let end = edit["range"]["end"]["character"].as_u64().unwrap() as usize;
    let fixed = format!("{}{}{}", &text[..start], "\"Key\"", &text[end..]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let p = c.diagnostics(uri);
    assert_eq!(p["diagnostics"], json!([]), "{p}");
    assert_eq!(c.stop(), 0);
}

#[test]
fn code_action_corrects_the_letter_case_of_a_value_and_no_request_gets_nothing() {
    let mut c = initialized();
    let uri = "file:///tmp/reqlint-lsp-test/case.json";
    let text = "{\"name\": \"ims_test\", \"image_url\": \"b:f.zvhd2\", \"min_disk\": 40, \"architecture\": \"X86\"}";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
    );
    let p = c.diagnostics(uri);
    let d = p["diagnostics"][0].clone();
    assert_eq!(d["code"], "IMS014", "{p}");
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}}),
    );
    let edit = &r["result"][0]["edit"]["changes"][uri][0];
    assert_eq!(edit["newText"], "\"x86\"", "{r}");
    // A JSON file that is no request (package.json) gets no diagnostic at all.
    let other = "file:///tmp/reqlint-lsp-test/package.json";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": other, "languageId": "json", "version": 1,
            "text": "{\"name\": \"app\", \"version\": \"1.0.0\", \"type\": \"module\"}"}}),
    );
    assert_eq!(c.diagnostics(other)["diagnostics"], json!([]));
    assert_eq!(c.stop(), 0);
}

#[test]
fn terraform_documents_get_diagnostics_on_the_attribute() {
    let mut c = initialized();
    let uri = "file:///tmp/reqlint-lsp-test/main.tf";
    let text = "resource \"alicloud_image\" \"web\" {\n  instance_id = alicloud_instance.web.id\n  image_name  = \"2024-web\"\n}\n";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "terraform", "version": 1, "text": text}}),
    );
    let p = c.diagnostics(uri);
    let d = &p["diagnostics"][0];
    assert_eq!(d["code"], "ALI003", "{p}");
    assert_eq!(d["range"]["start"], json!({"line": 2, "character": 16}));
    assert_eq!(c.stop(), 0);
}

/// Packer templates and shell scripts, by path or, for an untitled document, by language id.
#[test]
fn packer_and_shell_documents_get_diagnostics() {
    let mut c = initialized();
    let cases = [
        (
            "file:///tmp/reqlint-lsp-test/web.pkr.hcl",
            "hcl",
            "source \"alicloud-ecs\" \"web\" {\n  image_name = \"1-web\"\n}\n",
            "ALI003",
            (1, 15),
        ),
        (
            "untitled:Untitled-1",
            "packer",
            "source \"alicloud-ecs\" \"web\" {\n  image_name = \"1-web\"\n}\n",
            "ALI003",
            (1, 15),
        ),
        (
            "untitled:Untitled-2",
            "shellscript",
            "openstack server image create --property =x srv\n",
            "NOVA006",
            (0, 41),
        ),
        (
            "file:///tmp/reqlint-lsp-test/build.sh",
            "sh",
            "openstack server image create --property =x srv\n",
            "NOVA006",
            (0, 41),
        ),
    ];
    for (uri, language, text, code, (line, character)) in cases {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        let p = c.diagnostics(uri);
        let d = &p["diagnostics"][0];
        assert_eq!(d["code"], code, "{uri}: {p}");
        assert_eq!(
            d["range"]["start"],
            json!({"line": line, "character": character}),
            "{uri}"
        );
    }
    assert_eq!(c.stop(), 0);
}

#[test]
fn garbage_unknown_methods_and_huge_documents_do_not_stop_the_server() {
    let mut c = initialized();
    // A frame whose body is not JSON: a parse error, and the server goes on.
    c.raw(b"Content-Length: 9\r\n\r\nnot json!");
    let e = c.wait(|m| m["error"]["code"] == -32700);
    assert_eq!(e["id"], Value::Null);
    // Headers without a length, then an unknown method.
    c.raw(b"X-Nonsense: 1\r\n\r\n");
    let r = c.request("reqlint/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    // A document of garbage and a 4 MB document (under the size limit: linted).
    let uri = "file:///tmp/reqlint-lsp-test/garbage.json";
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": "\u{0}\u{1}{{{[[[\u{fffd}"}}));
    assert_eq!(c.diagnostics(uri)["diagnostics"][0]["code"], "RQL001");
    let big = format!(
        "{{\"name\": \"ims_test_file\", \"image_url\": \"ims-image:a.qcow2\", \"min_disk\": 40, \"description\": \"{}\"}}",
        "x".repeat(4 * 1024 * 1024)
    );
    let uri = "file:///tmp/reqlint-lsp-test/big.json";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": big}}),
    );
    assert_eq!(c.diagnostics(uri)["diagnostics"][0]["code"], "HW002");
    // Exit without shutdown: exit code 1, as the protocol says.
    c.notify("exit", json!(null));
    let mut code = None;
    for _ in 0..100 {
        if let Some(s) = c.child.try_wait().unwrap() {
            code = s.code();
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(code, Some(1));
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut c = Client::start();
    let r = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(r["error"]["code"], -32002);
    let r = c.request("initialize", json!({"capabilities": {}}));
    assert!(r["result"]["capabilities"].is_object());
    assert_eq!(c.stop(), 0);
}

#[test]
fn the_document_s_reqlint_toml_decides_its_api() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("whole")).unwrap();
    std::fs::write(
        dir.path().join("reqlint.toml"),
        "[api]\n\"whole/*.json\" = \"huawei-ims-create-whole-image\"\n",
    )
    .unwrap();
    let text = r#"{"name": "instance_whole_image", "instance_id": "877a2cda-ba63-4e1e-b95f-e67e48b6129a"}"#;
    let mut c = initialized();
    let mapped = format!("file://{}/whole/a.json", dir.path().display());
    let unmapped = format!("file://{}/b.json", dir.path().display());
    for uri in [&mapped, &unmapped] {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
    }
    let codes = |p: Value| -> Vec<String> {
        p["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        codes(c.diagnostics(&mapped)),
        vec!["IMS102"],
        "the configuration says: full-ECS image"
    );
    assert_eq!(
        codes(c.diagnostics(&unmapped)),
        vec!["RQL006"],
        "nothing decides: said in a diagnostic"
    );
    assert_eq!(c.stop(), 0);
}

/// A request body whose `min_disk` is `min_disk`, padded with a description of `padding`
/// bytes.
fn body(min_disk: u32, padding: usize) -> String {
    format!(
        "{{\"name\": \"ims_test_file\",\n \"image_url\": \"ims-image:a.qcow2\",\n \"min_disk\": {min_disk},\n \"description\": \"{}\"}}\n",
        "x".repeat(padding)
    )
}

fn codes(p: &Value) -> Vec<String> {
    p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// A document above the size limit is not linted: it gets one diagnostic that says so, until
/// an edit brings it under the limit.
#[test]
fn a_document_above_the_size_limit_gets_one_diagnostic() {
    let mut c = initialized();
    let uri = "file:///tmp/reqlint-lsp-test/huge.json";
    let text = body(300, 20 * 1024 * 1024);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
    );
    let p = c.diagnostics(uri);
    let diagnostics = p["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{p:.300}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "RQL007");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.starts_with("the document is 20.0 MB, above the language server's 5 MB limit")
            && message.contains("reqlint check"),
        "{message}"
    );
    assert_eq!(d["range"]["start"], json!({"line": 0, "character": 0}));
    // Cut the description down (an incremental edit on line 3): linted again.
    c.notify("textDocument/didChange", json!({
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 3, "character": 17}, "end": {"line": 3, "character": 17 + 20 * 1024 * 1024}}, "text": ""}],
    }));
    let p = c.diagnostics(uri);
    assert_eq!(p["version"], 2);
    assert_eq!(codes(&p), ["IMS006"], "{p:.300}");
    assert_eq!(c.stop(), 0);
}

/// A burst of changes is linted once, with the text after the last: far fewer lints (each a
/// `publishDiagnostics`) than changes, and the findings of the last text.
#[test]
fn a_burst_of_changes_costs_one_lint_of_the_last_text() {
    let mut c = initialized();
    let uri = "file:///tmp/reqlint-lsp-test/burst.json";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": body(40, 10)}}),
    );
    assert_eq!(codes(&c.diagnostics(uri)), Vec::<String>::new());
    // 50 edits of `min_disk` (line 2, after `"min_disk": `): 41, 42, ..., then 300.
    const CHANGES: i64 = 50;
    let mut previous = "40".to_string();
    for version in 2..=CHANGES + 1 {
        let value = match version {
            v if v == CHANGES + 1 => "300".to_string(),
            v => (39 + v).to_string(),
        };
        c.notify("textDocument/didChange", json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 13 + previous.len()}}, "text": value}],
        }));
        previous = value;
    }
    let mut published = 0;
    let last = loop {
        let p = c.diagnostics(uri);
        published += 1;
        if p["version"] == CHANGES + 1 {
            break p;
        }
    };
    assert_eq!(codes(&last), ["IMS006"], "{last}");
    assert!(published < 10, "{published} lints for {CHANGES} changes");
    // Hovers read the last text's report: IMS006 is where 300 is now.
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 14}}),
    );
    assert!(
        h["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("IMS006"),
        "{h}"
    );
    assert_eq!(c.stop(), 0);
}

/// `shutdown` and `exit` are answered at once after a burst of changes to a document whose
/// lint takes a while (one lint runs, on a thread of its own; the loop answers).
#[test]
fn shutdown_and_exit_are_answered_at_once_after_a_burst() {
    let mut c = initialized();
    let uri = "file:///tmp/reqlint-lsp-test/main.tf";
    // 4 MB of Terraform: seconds to lint in a debug build.
    let resource = |n: usize| {
        format!(
            "resource \"alicloud_image\" \"img{n}\" {{\n  instance_id = \"i-{n}\"\n  image_name  = \"web-{n}\"\n}}\n\n"
        )
    };
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 4 * 1024 * 1024 {
        text.push_str(&resource(n));
        n += 1;
    }
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "terraform", "version": 1, "text": text}}),
    );
    for version in 2..=51 {
        c.notify("textDocument/didChange", json!({
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": 2, "character": 17}, "end": {"line": 2, "character": 17}}, "text": "x"}],
        }));
    }
    let started = std::time::Instant::now();
    assert_eq!(c.stop(), 0);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "shutdown and exit took {:?}",
        started.elapsed()
    );
}

/// A message above the transport's limit (256 MiB) is skipped whole, said in an error, and the
/// next message is read where it starts.
#[test]
fn a_message_above_the_limit_is_skipped_and_the_next_one_read() {
    let mut c = initialized();
    let length = 256 * 1024 * 1024 + 1;
    c.raw(format!("Content-Length: {length}\r\n\r\n").as_bytes());
    let chunk = vec![b'x'; 1024 * 1024];
    let mut left = length;
    while left > 0 {
        let n = left.min(chunk.len());
        c.raw(&chunk[..n]);
        left -= n;
    }
    let e = c.wait(|m| m["error"]["code"] == -32600);
    assert_eq!(e["id"], Value::Null);
    assert!(
        e["error"]["message"].as_str().unwrap().contains("256 MiB"),
        "{e}"
    );
    let r = c.request("reqlint/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601);
    assert_eq!(c.stop(), 0);
}

/// An Alibaba ECS endpoint on loopback whose every instance is Stopping; it counts connections.
fn stopping_instances() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let count = std::sync::Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            counted.fetch_add(1, Ordering::SeqCst);
            let mut r = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            let _ = r.read_line(&mut line);
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
            }
            let body = if line.contains("Action=DescribeInstances") {
                r#"{"Instances": {"Instance": [{"InstanceId": "i-bp1stopping", "Status": "Stopping", "OperationLocks": {"LockReason": []}}]}, "TotalCount": 1}"#
            } else if line.contains("Action=DescribeImages") {
                r#"{"Images": {"Image": []}, "TotalCount": 0}"#
            } else {
                r#"{"Code": "DryRunOperation", "Message": "ok"}"#
            };
            let status = if body.contains("DryRun") { 400 } else { 200 };
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (base, count)
}

/// Online checks in the editor: only when the workspace configuration turns them on, and then
/// on save; typing never connects.
#[test]
fn online_checks_run_on_save_when_the_workspace_turns_them_on() {
    use std::sync::atomic::Ordering;
    let (base, connections) = stopping_instances();
    let env = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5tLspTest".to_string()),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "lsp-secret".to_string()),
        ("REQLINT_ENDPOINT_ALIBABA_ECS", base),
    ];
    let uri = "file:///tmp/reqlint-lsp-online/ali.json";
    let text =
        r#"{"RegionId": "cn-hangzhou", "InstanceId": "i-bp1stopping", "ImageName": "web-2026"}"#;
    for (settings, online) in [(json!({}), false), (json!({"online": true}), true)] {
        let mut c = Client::start_with(&env);
        c.request(
            "initialize",
            json!({"capabilities": {}, "processId": null, "rootUri": null, "initializationOptions": settings}),
        );
        c.notify("initialized", json!({}));
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
        );
        assert_eq!(codes(&c.diagnostics(uri)), Vec::<String>::new());
        assert_eq!(
            connections.load(Ordering::SeqCst),
            0,
            "opening never connects"
        );
        c.notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri}}),
        );
        let after_save = codes(&c.diagnostics(uri));
        if online {
            assert_eq!(after_save, ["ONL002"]);
            assert!(connections.load(Ordering::SeqCst) > 0);
        } else {
            assert_eq!(after_save, Vec::<String>::new());
            assert_eq!(
                connections.load(Ordering::SeqCst),
                0,
                "off unless the workspace says so"
            );
        }
        assert_eq!(c.stop(), 0);
    }
}

/// The organisation checks of the document's `reqlint.toml` report in the editor as in the
/// command line, and hover on their finding says what the check asks.
#[test]
fn organisation_checks_report_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("reqlint.toml"),
        "[[check]]\nid = \"ACME002\"\nname = \"prod-image-name\"\non = \"name\"\npattern = \"prod-.*\"\nmessage = \"production image names start with `prod-`\"\nhelp = \"rename the image\"\n",
    )
    .unwrap();
    let text = "{\"name\": \"web\",\n \"image_url\": \"ims-image:a.qcow2\",\n \"min_disk\": 40}\n";
    let mut c = initialized();
    let uri = format!("file://{}/a.json", dir.path().display());
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}),
    );
    let p = c.diagnostics(&uri);
    assert_eq!(codes(&p), vec!["ACME002"]);
    let d = &p["diagnostics"][0];
    assert_eq!(
        d["range"],
        json!({"start": {"line": 0, "character": 9}, "end": {"line": 0, "character": 14}})
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("production image names start with `prod-`"),
        "{d}"
    );
    let h = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 11}}),
    );
    let hover = h["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        hover.contains("ACME002") && hover.contains("rename the image"),
        "{hover}"
    );
    assert_eq!(c.stop(), 0);
}

/// ROS templates, by path or, for an untitled document, by language id (`yaml`, and `json`
/// for a JSON template); a YAML document that is no template gets no diagnostic.
#[test]
fn ros_templates_get_diagnostics_and_other_yaml_none() {
    let mut c = initialized();
    let yaml = "ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Image:\n    Type: ALIYUN::ECS::CustomImage\n    Properties:\n      InstanceId: i-1\n      ImageName: 1golden\n";
    let json = "{\"ROSTemplateFormatVersion\": \"2015-09-01\", \"Resources\": {\"Image\": {\"Type\": \"ALIYUN::ECS::CustomImage\",\n \"Properties\": {\"InstanceId\": \"i-1\", \"ImageName\": \"1golden\"}}}}\n";
    let cases = [
        (
            "file:///tmp/reqlint-lsp-test/image.yaml",
            "yaml",
            yaml,
            (6, 17),
        ),
        ("untitled:Untitled-3", "yaml", yaml, (6, 17)),
        ("untitled:Untitled-4", "json", json, (1, 50)),
    ];
    for (uri, language, text, (line, character)) in cases {
        c.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
        let p = c.diagnostics(uri);
        let d = &p["diagnostics"][0];
        assert_eq!(d["code"], "ALI003", "{uri}: {p}");
        assert_eq!(
            d["range"]["start"],
            json!({"line": line, "character": character}),
            "{uri}"
        );
    }
    let uri = "file:///tmp/reqlint-lsp-test/ci.yaml";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "ImageName: 1bad\nInstanceId: i-1\n"}}),
    );
    let p = c.diagnostics(uri);
    assert_eq!(p["diagnostics"], json!([]), "{p}");
    assert_eq!(c.stop(), 0);
}

/// A finding a document's lint places in another file (an input inherited from the file a
/// `terragrunt.hcl` includes) is published for that file too, and goes when the document no
/// longer leads to it.
#[test]
fn findings_placed_in_another_file_are_published_there() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("modules/image")).unwrap();
    std::fs::write(
        root.join("modules/image/main.tf"),
        "variable \"image_name\" {}\nvariable \"description\" {\n  default = \"\"\n}\n\nresource \"alicloud_image\" \"this\" {\n  image_name  = var.image_name\n  instance_id = \"i-bp1aaaa\"\n  description = var.description\n}\n",
    )
    .unwrap();
    std::fs::write(
        root.join("root.hcl"),
        "inputs = {\n  description = \"http://wiki/golden\"\n}\n",
    )
    .unwrap();
    let child = "include \"root\" {\n  path = \"root.hcl\"\n}\n\nterraform {\n  source = \"./modules//image\"\n}\n\ninputs = {\n  image_name = \"golden\"\n}\n";
    let child_path = root.join("terragrunt.hcl");
    std::fs::write(&child_path, child).unwrap();
    let uri = url::Url::from_file_path(&child_path).unwrap().to_string();
    let parent = url::Url::from_file_path(root.join("root.hcl"))
        .unwrap()
        .to_string();
    let mut c = initialized();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "hcl", "version": 1, "text": child}}),
    );
    let p = c.diagnostics(&parent);
    let found = p["diagnostics"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{p}");
    assert_eq!(found[0]["code"], "ALI005");
    assert_eq!(
        found[0]["range"]["start"],
        json!({"line": 1, "character": 16})
    );
    // The child no longer includes the root file: the finding there goes.
    let without = "terraform {\n  source = \"./modules//image\"\n}\n\ninputs = {\n  image_name = \"golden\"\n}\n";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": without}]}),
    );
    let p = c.diagnostics(&parent);
    assert_eq!(p["diagnostics"], json!([]), "{p}");
    assert_eq!(c.stop(), 0);
}
