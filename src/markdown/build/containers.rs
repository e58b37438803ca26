//! The container stack: quotes, lists, items, footnotes and `<details>` open and close here,
//! and a finished block goes into the innermost open one. Nesting past [`MAX_DEPTH`] is
//! flattened into the deepest container.

use super::{Block, Builder, Footnote, Inline, Item, List, MAX_DEPTH};
use crate::markdown::Alert;

pub(super) enum Container {
    Root(Vec<Block>),
    Quote(Option<Alert>, Vec<Block>),
    List(Option<u64>, bool, Vec<Item>),
    Item(Option<bool>, Vec<Block>),
    Footnote(String, Vec<Block>),
    Details(Vec<Inline>, Vec<Block>),
}

impl Builder<'_> {
    pub(super) fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(
                Container::Root(blocks)
                | Container::Quote(_, blocks)
                | Container::Item(_, blocks)
                | Container::Footnote(_, blocks)
                | Container::Details(_, blocks),
            ) => blocks.push(block),
            Some(Container::List(_, _, items)) => match items.last_mut() {
                Some(item) => item.blocks.push(block),
                None => items.push(Item {
                    task: None,
                    blocks: vec![block],
                }),
            },
            None => {}
        }
    }

    pub(super) fn open(&mut self, container: Container) {
        self.close_leaf();
        let room = self.stack.len() <= MAX_DEPTH;
        if room {
            self.stack.push(container);
        }
        self.pushed.push(room);
    }

    /// Closes a markdown container, and with it every HTML container left open inside it.
    pub(super) fn close(&mut self) {
        self.close_leaf();
        if self.pushed.pop() == Some(true) {
            while matches!(self.html_open.last(), Some((_, at)) if *at + 1 == self.stack.len()) {
                self.html_open.pop();
                self.pop();
            }
            self.pop();
        }
    }

    /// Pops the top container into its parent.
    pub(super) fn pop(&mut self) {
        if self.stack.len() < 2 {
            return;
        }
        let Some(container) = self.stack.pop() else {
            return;
        };
        match container {
            Container::Root(blocks) => self.stack.push(Container::Root(blocks)),
            Container::Quote(alert, blocks) => self.push_block(Block::Quote { alert, blocks }),
            Container::List(start, tight, items) => self.push_block(Block::List(List {
                start,
                tight,
                items,
            })),
            Container::Item(task, blocks) => match self.stack.last_mut() {
                Some(Container::List(_, _, items)) => items.push(Item { task, blocks }),
                _ => {
                    for block in blocks {
                        self.push_block(block);
                    }
                }
            },
            Container::Footnote(label, blocks) => self.footnotes.push(Footnote { label, blocks }),
            Container::Details(summary, blocks) => {
                self.push_block(Block::Details { summary, blocks })
            }
        }
    }
}
