//! Helpers the hostile-input test files share: run the binary, keep what it
//! printed, its exit code and how long it took.
#![allow(dead_code)] // each test file uses a part

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// The copyedit binary, with `NO_COLOR` unset.
pub fn copyedit() -> Command {
    let mut cmd = Command::cargo_bin("copyedit").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

/// What a run printed and returned, and how long it took.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub time: Duration,
}

impl Run {
    pub fn lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }
}

pub fn run(cmd: &mut Command) -> Run {
    let start = Instant::now();
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        time: start.elapsed(),
    }
}

pub fn check(args: &[&str], paths: &[&Path]) -> Run {
    run(copyedit().arg("check").args(args).args(paths))
}

/// A clean paragraph: no rule flags anything in it.
pub const CLEAN: &str = "The committee met on Tuesday and agreed to publish the report next week.";
