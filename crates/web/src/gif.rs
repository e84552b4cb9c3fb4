//! The page's animated GIF: frames the page drew on its canvases (RGBA, from getImageData)
//! encoded by the figure crate's `GifWriter`, the same encoder as `descent render -o
//! FILE.gif`. The page feeds frames a few at a time between frames of its own (export.js).

use descent_figure::anim::{frame_steps, GifWriter, DEFAULT_FPS, MAX_FRAMES};
use wasm_bindgen::prelude::*;

/// An animated GIF being encoded.
#[wasm_bindgen]
pub struct GifMaker {
    writer: Option<GifWriter>,
}

#[wasm_bindgen]
impl GifMaker {
    /// A GIF of `width × height` pixels at the CLI's default rate, its palette chosen from
    /// its first and last frames (RGBA).
    #[wasm_bindgen(constructor)]
    pub fn new(width: u32, height: u32, first: &[u8], last: &[u8]) -> Result<GifMaker, JsError> {
        let writer = GifWriter::new(width, height, DEFAULT_FPS, &[first, last], 4)
            .map_err(|e| JsError::new(&e))?;
        Ok(GifMaker {
            writer: Some(writer),
        })
    }

    /// Adds a frame (RGBA, `width × height`).
    pub fn add(&mut self, rgba: &[u8]) -> Result<(), JsError> {
        let w = self
            .writer
            .as_mut()
            .ok_or_else(|| JsError::new("this GIF is already finished"))?;
        w.add(rgba, 4).map_err(|e| JsError::new(&e))
    }

    /// The GIF's bytes; the maker is empty afterwards.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsError> {
        let w = self
            .writer
            .take()
            .ok_or_else(|| JsError::new("this GIF is already finished"))?;
        w.finish().map_err(|e| JsError::new(&e))
    }
}

/// The steps shown by the frames of `from..=to` (at most `MAX_FRAMES`, spread evenly), as
/// the CLI's.
#[wasm_bindgen]
pub fn gif_frame_steps(from: usize, to: usize) -> Vec<u32> {
    frame_steps(from, to, MAX_FRAMES)
        .into_iter()
        .map(|k| k as u32)
        .collect()
}
