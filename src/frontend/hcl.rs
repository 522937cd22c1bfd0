//! The values of HCL expressions as far as the files fix them, shared by the Terraform and
//! Packer front-ends: literals, lists, string templates whose parts are known, `var.NAME` (from
//! a value file, else the variable's default) and `local.NAME`. Anything else (references to
//! other resources or sources, function calls, conditionals, `count`/`each`) is unknown.

use super::folder::{Folder, Parsed, Tool};
use crate::diagnostic::Span;
use hcl_edit::Span as _;
use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::Body;
use hcl_edit::template::Element;
use serde_json::Value;

/// The syntax tree of an HCL file, or one finding at the fault.
pub(crate) fn parse(text: &str) -> Result<Body, super::SyntaxError> {
    hcl_edit::parser::parse_body(text).map_err(|e| {
        let at = e.location().offset().min(text.len());
        super::SyntaxError {
            message: format!("the file is not valid HCL: {}", e.message()),
            span: Span::new(at, usize::from(at < text.len())),
        }
    })
}

/// A value as far as the files fix it.
pub(crate) enum Evaluated {
    Known(Value),
    Unknown,
    /// `null`: the attribute is not set.
    Absent,
}

/// Where a value was supplied, when that is not where the attribute is written.
#[derive(Clone)]
pub(crate) struct Origin {
    /// In the linted file: the span of the supplying expression; in another file: `None`.
    pub(crate) span: Option<Span>,
    /// What supplied it, for a label: "the default of `var.name`", "`terraform.tfvars` line 3".
    pub(crate) what: String,
}

/// An expression followed through variables and locals to where its value is written.
pub(crate) struct Resolved<'e> {
    pub(crate) expr: &'e Expression,
    /// Whether `expr` is in the linted file (its spans are the file's).
    pub(crate) here: bool,
    pub(crate) origin: Option<Origin>,
}

/// Where names are looked up: the linted file, then its folder.
pub(crate) struct Scope<'a> {
    pub(crate) body: &'a Body,
    pub(crate) folder: Option<&'a Folder>,
    pub(crate) tool: Tool,
}

/// How many expressions one value may take to work out: locals that each use another several
/// times grow exponentially (`a = "${b}${b}${b}"`, `b = "${c}${c}${c}"`, ...); past this, the
/// value is unknown rather than slow.
const BUDGET: usize = 10_000;

/// How deep `local.a` -> `local.b` -> ... is followed (a cycle is unknown).
const DEPTH: usize = 16;

impl<'a> Scope<'a> {
    fn values(&self) -> &'a [Parsed] {
        self.folder.map_or(&[], |f| f.values(self.tool))
    }

    fn declaring(&self) -> &'a [Parsed] {
        self.folder.map_or(&[], |f| f.declaring(self.tool))
    }

    /// `var.NAME` or `local.NAME` read directly by `expr`.
    fn reference(expr: &Expression) -> Option<(&str, &str)> {
        let Expression::Traversal(t) = expr else {
            return None;
        };
        let [op] = t.operators.as_slice() else {
            return None;
        };
        match (&t.expr, op.value()) {
            (Expression::Variable(v), TraversalOperator::GetAttr(name))
                if matches!(v.as_str(), "var" | "local") =>
            {
                Some((v.as_str(), name.as_str()))
            }
            _ => None,
        }
    }

    /// The value of `var.NAME`: a value file beats the default; the linted file's declaration
    /// beats another file's.
    fn variable(&self, name: &str) -> Option<Resolved<'a>> {
        for file in self.values().iter().rev() {
            if let Some(attr) = file.body.get_attribute(name) {
                return Some(there(file, &attr.value, format!("`{}`", file.name)));
            }
        }
        let what = format!("the default of `var.{name}`");
        if let Some(block) = declaration(self.body, name) {
            let default = &block.get_attribute("default")?.value;
            return Some(Resolved {
                expr: default,
                here: true,
                origin: Some(Origin {
                    span: Some(span_of(default.span())),
                    what,
                }),
            });
        }
        self.declaring().iter().find_map(|file| {
            let default = &declaration(&file.body, name)?
                .get_attribute("default")?
                .value;
            Some(there(file, default, format!("{what} in `{}`", file.name)))
        })
    }

    fn local(&self, name: &str) -> Option<Resolved<'a>> {
        if let Some(value) = local(self.body, name) {
            return Some(Resolved {
                expr: value,
                here: true,
                origin: Some(Origin {
                    span: Some(span_of(value.span())),
                    what: format!("`local.{name}`"),
                }),
            });
        }
        self.declaring().iter().find_map(|file| {
            let value = local(&file.body, name)?;
            Some(there(
                file,
                value,
                format!("`local.{name}` in `{}`", file.name),
            ))
        })
    }

    /// Follows `expr` through parentheses, variables and locals.
    pub(crate) fn resolve(&self, expr: &'a Expression) -> Resolved<'a> {
        let mut at = Resolved {
            expr,
            here: true,
            origin: None,
        };
        for _ in 0..DEPTH {
            let next = match at.expr {
                Expression::Parenthesis(p) => Some(Resolved {
                    expr: p.inner(),
                    here: at.here,
                    origin: at.origin.clone(),
                }),
                e => match Scope::reference(e) {
                    Some(("var", name)) => self.variable(name),
                    Some((_, name)) => self.local(name),
                    None => return at,
                },
            };
            match next {
                Some(n) => {
                    // A value from another file keeps spans of the file that uses it.
                    let here = at.here && n.here;
                    at = Resolved { here, ..n };
                }
                None => return at,
            }
        }
        at
    }

    /// The value of `expr`.
    pub(crate) fn evaluate(&self, expr: &'a Expression) -> Evaluated {
        self.evaluate_at(expr, 0, &std::cell::Cell::new(BUDGET))
    }

    fn evaluate_at(
        &self,
        expr: &'a Expression,
        depth: usize,
        budget: &std::cell::Cell<usize>,
    ) -> Evaluated {
        if depth > DEPTH || budget.get() == 0 {
            return Evaluated::Unknown;
        }
        budget.set(budget.get() - 1);
        match self.resolve(expr).expr {
            Expression::Null(_) => Evaluated::Absent,
            Expression::Bool(b) => Evaluated::Known(Value::Bool(*b.value())),
            Expression::Number(n) => serde_json::from_str::<Value>(&n.value().to_string())
                .map_or(Evaluated::Unknown, Evaluated::Known),
            Expression::String(s) => self.string(s.value().clone()),
            Expression::StringTemplate(t) => {
                let mut text = String::new();
                for element in t.iter() {
                    match element {
                        Element::Literal(l) => text.push_str(l.value()),
                        Element::Interpolation(i) => {
                            match self.evaluate_at(&i.expr, depth + 1, budget) {
                                Evaluated::Known(Value::String(s)) => text.push_str(&s),
                                Evaluated::Known(v @ (Value::Number(_) | Value::Bool(_))) => {
                                    text.push_str(&v.to_string());
                                }
                                _ => return Evaluated::Unknown,
                            }
                        }
                        Element::Directive(_) => return Evaluated::Unknown,
                    }
                }
                self.string(text)
            }
            Expression::Object(object) => {
                let mut out = serde_json::Map::new();
                for (key, value) in object.iter() {
                    let key = match key {
                        hcl_edit::expr::ObjectKey::Ident(ident) => ident.as_str().to_string(),
                        hcl_edit::expr::ObjectKey::Expression(e) => {
                            match self.evaluate_at(e, depth + 1, budget) {
                                Evaluated::Known(Value::String(s)) => s,
                                _ => return Evaluated::Unknown,
                            }
                        }
                    };
                    match self.evaluate_at(value.expr(), depth + 1, budget) {
                        Evaluated::Known(v) => {
                            out.insert(key, v);
                        }
                        _ => return Evaluated::Unknown,
                    }
                }
                Evaluated::Known(Value::Object(out))
            }
            Expression::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match self.evaluate_at(item, depth + 1, budget) {
                        Evaluated::Known(v) => out.push(v),
                        _ => return Evaluated::Unknown,
                    }
                }
                Evaluated::Known(Value::Array(out))
            }
            _ => Evaluated::Unknown,
        }
    }
}

impl Scope<'_> {
    /// A string value: Packer fills `{{ ... }}` segments in at build time, so a string that
    /// holds one is unknown there.
    fn string(&self, text: String) -> Evaluated {
        if self.tool == Tool::Packer && text.contains("{{") {
            return Evaluated::Unknown;
        }
        Evaluated::Known(Value::String(text))
    }
}

fn there<'e>(file: &Parsed, expr: &'e Expression, what: String) -> Resolved<'e> {
    let line = file.line(expr.span().map_or(0, |r| r.start));
    Resolved {
        expr,
        here: false,
        origin: Some(Origin {
            span: None,
            what: format!("{what} line {line}"),
        }),
    }
}

/// The body of `variable "NAME"` in `body`.
fn declaration<'b>(body: &'b Body, name: &str) -> Option<&'b Body> {
    body.get_blocks("variable")
        .find(|b| b.labels.first().is_some_and(|l| l.as_str() == name))
        .map(|b| &b.body)
}

/// The expression of `NAME` in the `locals` blocks of `body`.
fn local<'b>(body: &'b Body, name: &str) -> Option<&'b Expression> {
    body.get_blocks("locals")
        .find_map(|b| b.body.get_attribute(name))
        .map(|a| &a.value)
}

pub(crate) fn span_of(range: Option<std::ops::Range<usize>>) -> Span {
    range.map_or(Span::new(0, 0), |r| Span::new(r.start, r.end - r.start))
}
