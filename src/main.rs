//! The `reqlint` binary: the command line of [`reqlint::cli`].

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(reqlint::cli::run(std::env::args_os()).code())
}
