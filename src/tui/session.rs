//! A session of the app with a library: the app, where its plans are, and
//! what the app asks of them. The app's `update` reads no file; when it
//! needs a listing, another plan or the library's index it queues an
//! [`Effect`], and the session carries it out here and hands the result to
//! the app. Slow work (pinyin, the library's index) runs on other threads
//! and arrives through [`Session::poll`].

use std::collections::HashMap;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::compare::compare;
use crate::library::{Library, Location, PlansIndex, list, plan_year, resolve};
use crate::plan::ItemRef;
use crate::search::{PinyinIndex, SearchIndex};
use crate::tui::app::{App, Effect};
use crate::tui::search_state::SearchState;

/// Where the work a session hands off is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// On other threads, as the app runs: the first frame never waits.
    Background,
    /// On this thread, before the effect returns: for tests.
    Inline,
}

impl Work {
    /// Does `job` here (Ok, its result) or on another thread (Err, where
    /// its result will arrive; see [`arrived`]).
    fn hand_off<T: Send + 'static>(
        self,
        job: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Receiver<T>> {
        match self {
            Work::Inline => Ok(job()),
            Work::Background => {
                let (sender, receiver) = mpsc::channel();
                std::thread::spawn(move || {
                    let _ = sender.send(job());
                });
                Err(receiver)
            }
        }
    }
}

/// The result of work handed to another thread, once it has come; the slot
/// is emptied then, or when the thread ended without one.
fn arrived<T>(slot: &mut Option<Receiver<T>>) -> Option<T> {
    let result = match slot.as_ref()?.try_recv() {
        Ok(result) => Some(result),
        Err(TryRecvError::Empty) => return None,
        Err(TryRecvError::Disconnected) => None,
    };
    *slot = None;
    result
}

pub struct Session {
    pub app: App,
    library: Option<Library>,
    /// Where the open plan is.
    location: Location,
    /// The last selection of every plan left in this session, by name.
    remembered: HashMap<String, ItemRef>,
    work: Work,
    chars: Option<Receiver<SearchIndex>>,
    pinyin: Option<Receiver<PinyinIndex>>,
    all_plans: Option<Receiver<(PlansIndex, Vec<String>)>>,
}

impl Session {
    /// A session on `app`, whose plan is at `location`; `library` is None
    /// when there is no library folder to be had.
    pub fn new(app: App, location: Location, library: Option<Library>, work: Work) -> Session {
        Session {
            app,
            library,
            location,
            remembered: HashMap::new(),
            work,
            chars: None,
            pinyin: None,
            all_plans: None,
        }
    }

    /// Builds the open plan's search index, when the app waits for it, and
    /// then its pinyin side (see [`Work`]).
    pub fn start_index(&mut self) {
        // A plan opened since makes the index on its way another plan's.
        self.chars = None;
        self.pinyin = None;
        if !self.app.search.is_indexing() {
            self.start_pinyin();
            return;
        }
        let plan = std::sync::Arc::clone(&self.app.plan);
        match self.work.hand_off(move || SearchIndex::shared(plan)) {
            Ok(index) => {
                self.app.search.attach_index(index);
                self.start_pinyin();
            }
            Err(on_its_way) => self.chars = Some(on_its_way),
        }
    }

    /// Builds the pinyin side of the open plan's index (see [`Work`]).
    fn start_pinyin(&mut self) {
        let builder = self.app.search.index.pinyin_builder();
        match self.work.hand_off(move || builder.build()) {
            Ok(pinyin) => {
                self.app.search.attach_pinyin(pinyin);
            }
            Err(on_its_way) => self.pinyin = Some(on_its_way),
        }
    }

    /// True while work handed to another thread has not come back.
    pub fn waiting(&self) -> bool {
        self.chars.is_some() || self.pinyin.is_some() || self.all_plans.is_some()
    }

    /// Takes what other threads have finished; true when the screen changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        if let Some(index) = arrived(&mut self.chars) {
            changed |= self.app.search.attach_index(index);
            self.start_pinyin();
        }
        if let Some(pinyin) = arrived(&mut self.pinyin) {
            changed |= self.app.search.attach_pinyin(pinyin);
        }
        if let Some((index, warnings)) = arrived(&mut self.all_plans) {
            changed |= self.take_all_plans(index, &warnings);
        }
        changed
    }

    /// Carries out an effect about plans; returns any other effect (a copy,
    /// a suspend) for the event loop. True when the screen changed.
    pub fn apply(&mut self, effect: Effect) -> Result<bool, Effect> {
        match effect {
            Effect::ListPlans => self.list_plans(),
            Effect::OpenPlan { name, item } => self.open(&name, item),
            Effect::Compare { with } => self.compare_with(&with),
            Effect::IndexAllPlans => self.index_all_plans(),
            other => return Err(other),
        }
        Ok(true)
    }

    fn library(&self) -> Result<&Library, String> {
        self.library.as_ref().ok_or_else(|| {
            "no library: pass --library DIR or set PLAN_EXPLORER_LIBRARY".to_string()
        })
    }

    fn list_plans(&mut self) {
        let listing = match self.library() {
            Ok(library) => list(library),
            // Without a folder, the embedded plan is the whole library.
            Err(_) => list(&Library::at("")),
        };
        let first = self.app.first_pick(&listing.entries);
        self.app.picker.set_entries(listing.entries, &first);
        if !listing.warnings.is_empty() {
            let n = listing.warnings.len();
            let first = &listing.warnings[0];
            self.app
                .report(format!("{n} file(s) in the library skipped: {first}"));
        }
    }

    /// Where the plan called `name` is.
    fn locate(&self, name: &str) -> Result<Location, String> {
        let library = self.library.clone();
        resolve(name, || {
            library.ok_or(crate::library::LibraryError::NoDataDir)
        })
        .map_err(|e| e.to_string())
    }

    fn max_size(&self) -> u64 {
        self.library
            .as_ref()
            .map_or(crate::files::DEFAULT_MAX_SIZE, Library::max_size)
    }

    /// Opens the plan called `name` in place of the open one, at `item`, or
    /// where it was left in this session.
    fn open(&mut self, name: &str, item: Option<ItemRef>) {
        if let Err(message) = self.try_open(name, item) {
            self.app.report(message);
        }
    }

    fn try_open(&mut self, name: &str, item: Option<ItemRef>) -> Result<(), String> {
        let location = self.locate(name)?;
        let plan = location.load(self.max_size()).map_err(|e| e.to_string())?;
        let plan = std::sync::Arc::new(plan);
        if let Some(left) = self.app.selected() {
            self.remembered.insert(self.app.plan_name.clone(), left);
        }
        self.app.switch_plan(
            name.to_string(),
            std::sync::Arc::clone(&plan),
            SearchState::for_plan(&plan),
        );
        self.location = location;
        if let Some(item) = item.or_else(|| self.remembered.get(name).copied()) {
            self.app.reveal(item);
            self.app.keep_in_view();
        }
        self.start_index();
        Ok(())
    }

    /// Compares the open plan with the plan called `name`: the earlier of
    /// the two (by year, else the one picked) is A.
    fn compare_with(&mut self, name: &str) {
        let other = self
            .locate(name)
            .and_then(|l| l.load(self.max_size()).map_err(|e| e.to_string()));
        let other = match other {
            Ok(other) => other,
            Err(message) => {
                self.app.report(message);
                self.app.mode = crate::tui::action::Mode::Browse;
                return;
            }
        };
        let open = &self.app.plan;
        let open_is_earlier = matches!(
            (plan_year(open), plan_year(&other)),
            (Some(mine), Some(theirs)) if mine < theirs
        );
        let here = self.app.plan_name.clone();
        if open_is_earlier {
            let comparison = compare(open, &other);
            self.app.compare.set(here, name.to_string(), &comparison);
        } else {
            let comparison = compare(&other, open);
            self.app.compare.set(name.to_string(), here, &comparison);
        }
    }

    fn index_all_plans(&mut self) {
        let library = match self.library() {
            Ok(library) => library.clone(),
            Err(_) => Library::at(""),
        };
        match self.work.hand_off(move || PlansIndex::build(&library)) {
            Ok((index, warnings)) => {
                self.take_all_plans(index, &warnings);
            }
            Err(on_its_way) => self.all_plans = Some(on_its_way),
        }
    }

    fn take_all_plans(&mut self, index: PlansIndex, warnings: &[String]) -> bool {
        if let Some(first) = warnings.first() {
            let n = warnings.len();
            self.app
                .report(format!("{n} file(s) in the library skipped: {first}"));
        }
        self.app.search.attach_all(index)
    }

    /// Where the open plan is.
    pub fn location(&self) -> &Location {
        &self.location
    }
}
