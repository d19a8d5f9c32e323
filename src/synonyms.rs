//! User synonyms: groups of words or phrases that a query treats as one
//! (`IS, ISIS, Daesh, Islamitische Staat`), read from a file given with `--synonyms`.

use std::path::Path;

use anyhow::{Context, Result};

use crate::error::failure;

/// Groups of equivalent words or phrases, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Synonyms {
    /// Each group's members as written (two or more per group).
    pub groups: Vec<Vec<String>>,
}

impl Synonyms {
    /// Reads a synonyms file: one group per line, members separated by commas; blank
    /// lines and lines starting with `#` are ignored.
    pub fn load(path: &Path) -> Result<Synonyms> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the synonyms file {}", path.display()))?;
        Synonyms::parse(&text).map_err(|(line, why)| {
            failure(
                format!("{}:{line}: {why}", path.display()),
                "write one group per line, members separated by commas: IS, ISIS, Daesh",
            )
        })
    }

    /// Parses the file's text; an error gives the line number and the reason.
    pub fn parse(text: &str) -> Result<Synonyms, (usize, String)> {
        let mut groups = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let members: Vec<String> = line
                .split(',')
                .map(|m| m.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|m| !m.is_empty())
                .collect();
            if members.len() < 2 {
                return Err((n + 1, "a group needs at least two members".to_owned()));
            }
            if let Some(bad) = members.iter().find(|m| m.contains('"')) {
                return Err((n + 1, format!("quotes are not needed in '{bad}'")));
            }
            groups.push(members);
        }
        Ok(Synonyms { groups })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_groups_and_skips_comments() {
        let s = Synonyms::parse("# terreur\nIS, ISIS,Daesh , Islamitische   Staat\n\nNAVO, NATO\n")
            .unwrap();
        assert_eq!(
            s.groups,
            [
                vec!["IS", "ISIS", "Daesh", "Islamitische Staat"],
                vec!["NAVO", "NATO"]
            ]
        );
    }

    #[test]
    fn rejects_lonely_members_with_the_line() {
        assert_eq!(
            Synonyms::parse("IS, ISIS\nalleen\n"),
            Err((2, "a group needs at least two members".to_owned()))
        );
    }
}
