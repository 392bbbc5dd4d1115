//! Work that follows an input after its paint (issue 19, input latency):
//! the input's own frame paints the field and its checks, and what is
//! drawn from the whole form (the outputs, the subnet picture) follows in
//! a task after that paint, once for every edit made before it runs.

use std::time::Duration;

use leptos::prelude::*;

/// Runs `f` in a task after the next paint: from an animation frame
/// callback, which runs just before that paint, a timer's task comes after
/// it. A timer set at once may run before the paint (a frame is due only
/// every 16 ms), and the input's paint would then wait for `f`'s work.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, Duration::ZERO));
}

/// A signal that holds `read()` and follows it after the paint of each
/// change that `track` reports (it subscribes to what `read` reads, and
/// nothing is computed in the input's turn): the edits made before that
/// task runs are read once, and a value equal to the one held notifies
/// nobody.
pub fn following<T>(
    track: impl Fn() + 'static,
    read: impl Fn() -> T + Copy + 'static,
) -> ReadSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let (held, set) = signal(untrack(read));
    let pending = StoredValue::new(false);
    Effect::new(move |ran: Option<()>| {
        track();
        if ran.is_some() && !pending.get_value() {
            pending.set_value(true);
            after_paint(move || {
                pending.set_value(false);
                let now = untrack(read);
                if held.with_untracked(|h| *h != now) {
                    set.set(now);
                }
            });
        }
    });
    held
}
