//! The `.http` splitter: every body it finds is the text at its offset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for request in reqlint::frontend::http::split(text) {
        let end = request.body_offset + request.body.len();
        assert!(end <= text.len());
        assert_eq!(&text[request.body_offset..end], request.body);
        if let Some(line) = request.line {
            assert!(line.offset < text.len());
        }
    }
});
