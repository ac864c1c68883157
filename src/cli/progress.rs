//! The progress of a build on a terminal: its phase, relations checked against the total, quads
//! loaded, their rates and the time left. Nothing is drawn in a pipe or with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar on standard error, hidden when that is no terminal.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    pub fn new(quiet: bool) -> Self {
        let target = if quiet {
            ProgressDrawTarget::hidden()
        } else {
            // indicatif draws nothing when standard error is not a terminal.
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {prefix:>14} {bar:30} {pos}/{len} relations ({per_sec}, {eta} left) {msg}",
            )
            .expect("the template parses"),
        );
        Self { bar }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl newskg::BuildProgress for Bar {
    fn phase(&self, phase: &'static str) {
        self.bar.set_prefix(phase);
        self.bar.tick();
    }

    fn relations_total(&self, total: u64) {
        self.bar.set_length(total);
    }

    fn relations(&self, checked: u64) {
        self.bar.set_position(checked);
    }

    fn loaded(&self, quads: u64) {
        self.bar.set_message(format!("{quads} quads loaded"));
    }
}
