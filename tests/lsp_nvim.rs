//! A real editor as the client: headless Neovim, scripted with Lua
//! (`tests/nvim/fix_first.lua`), with the set-up README.md gives for it,
//! opens a Markdown file with typos, attaches `copyedit lsp`, applies the
//! first code action and writes the file.
//!
//! Skipped (with a message) when `nvim` is not installed, unless
//! `COPYEDIT_REQUIRE_NVIM` is set (`.ci/run` sets it once Neovim is
//! installed), where a missing Neovim fails.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Lua block after `<!-- nvim-setup -->` in README.md.
fn readme_setup() -> String {
    let readme = include_str!("../README.md");
    let after = readme
        .split("<!-- nvim-setup -->")
        .nth(1)
        .expect("README.md has a Neovim set-up");
    let block = after.split("```lua\n").nth(1).expect("a lua block");
    block.split("```").next().unwrap().to_string()
}

#[test]
fn neovim_applies_the_first_code_action() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("COPYEDIT_REQUIRE_NVIM").is_none(),
            "COPYEDIT_REQUIRE_NVIM is set but nvim is not installed"
        );
        eprintln!("skipped: nvim is not installed (apt-get install neovim)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    let file = tmp.path().join("draft.md");
    std::fs::write(
        &file,
        "# Draft\n\nThe “first” 😀 draft has teh typo and recieve too.\n",
    )
    .unwrap();
    let setup = tmp.path().join("setup.lua");
    std::fs::write(&setup, readme_setup()).unwrap();
    // `copyedit` on PATH, as the README's set-up expects.
    let bin = Path::new(env!("CARGO_BIN_EXE_copyedit"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/fix_first.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(tmp.path())
        .env("PATH", path)
        .env("HOME", tmp.path())
        .env("XDG_STATE_HOME", tmp.path().join("state"))
        .env("XDG_CACHE_HOME", tmp.path().join("cache"))
        .env("COPYEDIT_NVIM_FILE", &file)
        .env("COPYEDIT_NVIM_SETUP", &setup)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("nvim did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "nvim failed: {stdout}\n{stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# Draft\n\nThe “first” 😀 draft has the typo and recieve too.\n",
        "{stdout}\n{stderr}"
    );
}
