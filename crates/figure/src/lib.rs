//! Descent's figures, drawn on any plotters backend: the canvas in the browser, bitmaps and
//! SVG for the CLI and the tests.
//!
//! The pieces are pure so that they can be tested natively: [`colormap`] turns a loss grid
//! into RGBA bytes, [`contour`] traces level lines through it, [`layout`] maps θ to pixels,
//! and [`surface`] and [`loss`] draw with plotters. The heatmap itself is never drawn pixel
//! by pixel through plotters: the caller blits the RGBA buffer into [`layout::Layout::plot`]
//! and then draws the rest on top. The browser blits [`raster::picture`], the heatmap at
//! device resolution with the contour lines already in it (one `putImageData`), and then
//! draws only the labels, axes and minima.

pub mod anim;
pub mod cloud;
pub mod colormap;
pub mod contour;
pub mod data;
pub mod decimate;
pub mod layout;
pub mod loss;
pub mod map;
pub mod mesh;
pub mod offview;
pub mod oned;
pub mod quad;
pub mod raster;
pub mod runs;
pub mod scene;
pub mod steparrows;
pub mod surface;
pub mod sweep;
pub mod text;
pub mod words;
pub mod zoom;

pub use layout::{Layout, Window};
