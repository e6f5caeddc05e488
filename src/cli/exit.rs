//! How a run ends: usage errors in clap's words, help written to stdout with
//! its write checked, and every failure turned into one message and an exit
//! status (0 found, 1 nothing found, 2 error).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use super::escape::printable;
use super::{Cli, CliError, Outcome, Style, no_color, run};

/// Parses arguments, runs the command and turns the result into an exit status.
/// A closed pipe ends quietly, as it does for grep.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => return usage_error(&e),
        // --help and --version.
        Err(e) => return print_help(&e),
    };
    // Not stdout's lock: the app's signal thread writes to the terminal too.
    let mut out = io::BufWriter::new(Tracked::new(io::stdout()));
    let result = run(cli, &mut out, Style::detect());
    let result = result.and_then(|outcome| out.flush().map(|()| outcome).map_err(CliError::from));
    if let Some(error) = out.get_mut().error.take() {
        return stdout_failed(&error);
    }
    match result {
        Ok(Outcome::Found) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound(note)) => {
            if let Some(note) = note {
                let _ = writeln!(io::stderr(), "plan-explorer: {}", printable(&note));
            }
            ExitCode::from(1)
        }
        Err(e) => {
            // A message can quote a file name, an id or a plan's text:
            // escaped, it stays one line and never acts on the terminal.
            let _ = writeln!(io::stderr(), "plan-explorer: {}", printable(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// A writer that remembers why a write failed, so that the failure can be
/// named as stdout's and not mistaken for an error reading a file.
struct Tracked<W> {
    inner: W,
    error: Option<io::Error>,
}

impl<W: Write> Tracked<W> {
    fn new(inner: W) -> Self {
        Tracked { inner, error: None }
    }

    fn keep<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result
            && self.error.is_none()
        {
            self.error = Some(io::Error::new(e.kind(), e.to_string()));
        }
        result
    }
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.keep(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.keep(result)
    }
}

/// Stdout could not take the output: quiet on a closed pipe, else an error.
fn stdout_failed(error: &io::Error) -> ExitCode {
    if error.kind() == io::ErrorKind::BrokenPipe {
        return ExitCode::SUCCESS;
    }
    let _ = writeln!(
        io::stderr(),
        "plan-explorer: cannot write to stdout: {error}"
    );
    ExitCode::from(2)
}

/// Help and version go to stdout; a failed write is an error, not a success.
fn print_help(e: &clap::Error) -> ExitCode {
    let styled = e.render();
    let text = if io::stdout().is_terminal() && !no_color() {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => stdout_failed(&error),
    }
}

/// clap's message, which names the missing argument, lists the valid values
/// and suggests a near miss, without its blank lines.
fn usage_error(e: &clap::Error) -> ExitCode {
    let _ = write!(io::stderr(), "{}", condense(&e.render().to_string()));
    ExitCode::from(2)
}

/// clap's error text with blank lines dropped and `plan-explorer:` in place
/// of `error:`, so that it reads like the other errors. What clap quotes of
/// the arguments is escaped, as any text that reaches the terminal.
pub fn condense(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        if i == 0 {
            out.push_str("plan-explorer: ");
            out.push_str(&printable(line.strip_prefix("error: ").unwrap_or(line)));
        } else {
            out.push_str(&printable(line));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes `room` bytes and then reports a full disk.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::Error::from_raw_os_error(28));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_write_is_remembered_as_the_writers() {
        let mut out = Tracked::new(Full { room: 4 });
        assert!(out.write_all(b"more than four").is_err());
        let error = out.error.take().expect("the failure is kept");
        assert_eq!(error.raw_os_error(), None);
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
    }

    #[test]
    fn clap_errors_lose_their_blank_lines_only() {
        let text = "error: the following required arguments were not provided:\n  <QUERY>...\n\nUsage: plan-explorer search <QUERY>...\n\nFor more information, try '--help'.\n";
        assert_eq!(
            condense(text),
            "plan-explorer: the following required arguments were not provided:\n  <QUERY>...\nUsage: plan-explorer search <QUERY>...\nFor more information, try '--help'.\n"
        );
    }
}
