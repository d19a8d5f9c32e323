//! Errors a user can act on: a sentence saying what is wrong, and a hint saying what to do.

use std::fmt;

/// A failure with an optional hint, carried inside an `anyhow::Error` so that context
/// added on the way up is kept and the binary can still find the hint.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong, naming the file, argument or line.
    pub message: String,
    /// What the user can do about it.
    pub hint: Option<String>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// An error with a hint.
pub fn failure(message: impl Into<String>, hint: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Failure {
        message: message.into(),
        hint: Some(hint.into()),
    })
}

/// A run that the user stopped (Ctrl-C, SIGTERM); the binary exits with 130.
#[derive(Debug)]
pub struct Interrupted {
    /// What state the work was left in.
    pub message: String,
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Interrupted {}

/// The hint of the first [`Failure`] in an error's chain, if any.
pub fn hint_of(error: &anyhow::Error) -> Option<&str> {
    error
        .chain()
        .find_map(|e| e.downcast_ref::<Failure>())
        .and_then(|f| f.hint.as_deref())
}

/// One line for the user: the error and its causes, joined by `: `.
pub fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for (i, cause) in error.chain().enumerate() {
        let text = cause.to_string();
        if i > 0 {
            // Libraries often repeat the cause inside their own message.
            if line.contains(&text) {
                continue;
            }
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn hint_survives_added_context() {
        let err: anyhow::Error = Err::<(), _>(failure("no index at x", "run krant index"))
            .context("cannot search")
            .unwrap_err();
        assert_eq!(hint_of(&err), Some("run krant index"));
        assert_eq!(one_line(&err), "cannot search: no index at x");
    }
}
