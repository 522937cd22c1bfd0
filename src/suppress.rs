//! Suppressions written in the file itself, where its language has comments (Terraform,
//! Packer HCL, shell scripts, `.http` files, `.jsonc`):
//!
//! ```hcl
//! # reqlint-ignore IMS006 until=2027-03-31: this region takes 1 TB system disks
//! resource "huaweicloud_ims_obs_system_image" "big" {
//! ```
//!
//! A comment (`#` or `//`) on its own line names one or more rules (codes or names,
//! comma-separated), optionally `until=YYYY-MM-DD`, optionally `: reason`. It covers the next
//! line that is not blank or a comment, and everything that line opens: a resource or source
//! block to its closing brace, an attribute's map or list, a command continued with `\`. From
//! the `until` day on, the finding is reported again and says so. A comment that names no rule
//! reqlint has is reported as unused (RQL008), and so is one that covers no finding, unless
//! what it covers holds a value reqlint does not know (the finding may be there once it is).

use crate::diagnostic::{Diagnostic, Span};
use crate::source::SourceFile;
use regex::Regex;
use std::sync::LazyLock;

/// The word that makes a comment a suppression; a file without it costs one substring search.
const MARK: &str = "reqlint-ignore";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:#|//)[ \t]*reqlint-ignore[ \t]+(?P<rules>[A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*)(?:[ \t]+until=(?P<until>[^ \t:]+))?[ \t]*(?::.*)?$",
    )
    .expect("valid regex")
});

/// One suppression comment.
struct Directive {
    /// The comment, for reporting it.
    span: Span,
    codes: Vec<&'static str>,
    until: Option<jiff::civil::Date>,
    /// The 0-based lines it covers, inclusive.
    lines: (usize, usize),
    used: bool,
}

/// Whether a file's text may hold suppression comments (one substring search).
pub fn has_comments(text: &str) -> bool {
    text.contains(MARK)
}

/// Applies the suppression comments of `source` to its findings, and reports the comments
/// that are malformed, or unused where `unknown` (the spans of the values not known before
/// the request is sent) shows that nothing they cover is unknown; with `None`, none is
/// reported as unused. `checks` are the organisation checks a comment may name besides the
/// rules.
pub fn apply(
    source: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    unknown: Option<&[Span]>,
    checks: &[std::sync::Arc<crate::checks::OrgCheck>],
) {
    let mut problems = Vec::new();
    let mut directives = parse(source.text(), &mut problems, checks);
    if directives.is_empty() && problems.is_empty() {
        return;
    }
    let today = crate::config::today();
    diagnostics.retain_mut(|d| {
        let line = source.line_of(d.span.offset);
        let mut expired = None;
        for directive in directives
            .iter_mut()
            .filter(|x| x.codes.contains(&d.code) && (x.lines.0..=x.lines.1).contains(&line))
        {
            directive.used = true;
            match directive.until {
                Some(until) if today >= until => expired = Some(until),
                _ => return false,
            }
        }
        if let Some(until) = expired {
            d.message = format!("{} (its `{MARK}` comment expired on {until})", d.message);
        }
        true
    });
    let Some(unknown) = unknown else {
        diagnostics.extend(problems.into_iter().map(|(span, m)| unused(span, m)));
        return;
    };
    let unknown_lines: Vec<usize> = unknown.iter().map(|s| source.line_of(s.offset)).collect();
    for directive in directives.iter().filter(|d| {
        !d.used
            && !unknown_lines
                .iter()
                .any(|l| (d.lines.0..=d.lines.1).contains(l))
    }) {
        let codes = directive.codes.join(", ");
        problems.push((
            directive.span,
            format!("this `{MARK} {codes}` comment matches no finding"),
        ));
    }
    diagnostics.extend(problems.into_iter().map(|(span, m)| unused(span, m)));
}

/// The directives of a text, and a problem for each malformed one.
fn parse(
    text: &str,
    problems: &mut Vec<(Span, String)>,
    checks: &[std::sync::Arc<crate::checks::OrgCheck>],
) -> Vec<Directive> {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some((start, line.trim_end_matches(['\n', '\r'])))
        })
        .collect();
    let mut out = Vec::new();
    for (i, &(start, line)) in lines.iter().enumerate() {
        if !line.contains(MARK) {
            continue;
        }
        let Some(m) = DIRECTIVE.captures(line) else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        let span = Span::new(start + indent, line.len() - indent);
        let mut codes = Vec::new();
        let mut bad = None;
        for word in m["rules"].split(',').map(str::trim) {
            match crate::config::find_code(word, checks) {
                Some(code) => codes.push(code),
                None => bad = Some(crate::config::unknown_code_message(word, checks)),
            }
        }
        if let Some(message) = bad {
            problems.push((span, format!("{message}; this `{MARK}` comment is ignored")));
            continue;
        }
        let until = match m.name("until") {
            Some(u) => match u.as_str().parse::<jiff::civil::Date>() {
                Ok(date) => Some(date),
                Err(_) => {
                    problems.push((
                        span,
                        format!(
                            "`until={}` is not a date written YYYY-MM-DD; this `{MARK}` comment is ignored",
                            u.as_str()
                        ),
                    ));
                    continue;
                }
            },
            None => None,
        };
        let Some(first) = (i + 1..lines.len()).find(|&j| !is_blank_or_comment(lines[j].1)) else {
            problems.push((span, format!("this `{MARK}` comment has no line after it")));
            continue;
        };
        out.push(Directive {
            span,
            codes,
            until,
            lines: (first, extent(&lines, first)),
            used: false,
        });
    }
    out
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#') || line.starts_with("//")
}

/// The last line of what the line `first` opens: until the brackets it opens close (a block,
/// a map, a list), or while lines end with `\` (a continued command).
fn extent(lines: &[(usize, &str)], first: usize) -> usize {
    let mut depth: i64 = 0;
    let mut last = first;
    for (j, (_, line)) in lines.iter().enumerate().skip(first) {
        last = j;
        let mut quoted = false;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = !quoted,
                '{' | '[' | '(' if !quoted => depth += 1,
                '}' | ']' | ')' if !quoted => depth -= 1,
                _ => {}
            }
        }
        let continued = line.trim_end().ends_with('\\');
        if depth <= 0 && !continued {
            break;
        }
    }
    last
}

fn unused(span: Span, message: String) -> Diagnostic {
    let mut d = crate::engine::engine_finding("RQL008", message, span, None);
    d.help = Some("remove the comment, or correct the rule it names".into());
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, usize)> {
        parse(text, &mut Vec::new(), &[])
            .into_iter()
            .map(|d| d.lines)
            .collect()
    }

    #[test]
    fn a_comment_covers_what_the_next_line_opens() {
        let tf = "# reqlint-ignore IMS006: big disks\nresource \"a\" \"b\" {\n  tags = {\n    x = \"}\"\n  }\n}\n\nresource \"c\" \"d\" {}\n";
        assert_eq!(lines(tf), vec![(1, 5)]);
        let attr = "resource \"a\" \"b\" {\n  // reqlint-ignore IMS006, HW001\n\n  min_disk = 300\n  name = \"x\"\n}\n";
        assert_eq!(lines(attr), vec![(3, 3)]);
        let sh = "# reqlint-ignore ALI024 until=2030-01-01\naliyun ecs CreateImage \\\n  --Tag.1.Key aliyun:x \\\n  --RegionId cn-hangzhou\necho done\n";
        assert_eq!(lines(sh), vec![(1, 3)]);
    }

    #[test]
    fn malformed_comments_are_problems_not_suppressions() {
        let mut problems = Vec::new();
        let text = "# reqlint-ignore IMS06X\nx = 1\n# reqlint-ignore IMS006 until=soon\ny = 2\n# reqlint-ignore IMS006\n";
        assert!(parse(text, &mut problems, &[]).is_empty());
        let messages: Vec<&str> = problems.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].contains("unknown rule `IMS06X`"),
            "{messages:?}"
        );
        assert!(messages[1].contains("`until=soon`"), "{messages:?}");
        assert!(messages[2].contains("no line after it"), "{messages:?}");
        // Text that only mentions the word is no directive.
        assert!(parse("x = \"reqlint-ignore IMS006\"\n", &mut problems, &[]).is_empty());
    }
}
