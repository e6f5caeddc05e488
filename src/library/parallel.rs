//! Working through a list on every core.

/// `work` applied to every item, in order, on as many threads as there are
/// cores (at most 4), each taking a contiguous share; a share whose thread
/// cannot be had is done on this one.
pub(crate) fn in_parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                let done = move || part.iter().map(work).collect::<Vec<R>>();
                (part, std::thread::Builder::new().spawn_scoped(scope, done))
            })
            .collect();
        let mut results = Vec::with_capacity(items.len());
        for (part, worker) in workers {
            match worker.ok().map(|w| w.join()) {
                Some(Ok(done)) => results.extend(done),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => results.extend(part.iter().map(work)),
            }
        }
        results
    })
}
