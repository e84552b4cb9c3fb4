//! The 3-D view: the loss surface as a shaded mesh seen by an orthographic camera, drawn with
//! the painter's algorithm (far quads first) on any plotters backend, and the trajectory
//! lying on it.
//!
//! World coordinates: θ's window maps to u, v ∈ [−1, 1]; the height is the loss's position
//! on the colour scale (linear or log, as the heatmap), mapped to w ∈ [−H/2, H/2]. The camera
//! turns by `yaw` about the vertical axis and looks down at `pitch` above the horizon.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::colormap::{ColorScale, VIRIDIS};
use crate::contour::format_level;
use crate::decimate::{clamp_px, decimate, MAX_VERTICES};
use crate::layout::Window;
use crate::surface::{marker, ring, DrawResult, Theme};

/// The height of the box the surface fills, in the units where the base is 2 × 2.
pub const HEIGHT: f64 = 1.1;

/// Samples along each side of the mesh.
pub const MESH_SAMPLES: usize = 48;

/// How the surface is seen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Turn about the vertical axis, degrees.
    pub yaw: f64,
    /// Elevation above the x-y plane, degrees (90 looks straight down).
    pub pitch: f64,
    /// Magnification.
    pub zoom: f64,
}

impl Default for Camera {
    fn default() -> Camera {
        Camera {
            yaw: -35.0,
            pitch: 35.0,
            zoom: 1.0,
        }
    }
}

/// The camera placed on a figure: world (u, v, w) → screen pixels and depth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Projection {
    cy: f64,
    sy: f64,
    cp: f64,
    sp: f64,
    scale: f64,
    centre: (f64, f64),
}

impl Projection {
    /// The projection of a `width × height` figure (device pixels). Non-finite camera values
    /// fall back to the defaults; pitch is held in 5°…90° and zoom in 0.25…4.
    pub fn new(camera: Camera, width: u32, height: u32) -> Projection {
        let d = Camera::default();
        let fin = |v: f64, dv: f64| if v.is_finite() { v } else { dv };
        let yaw = fin(camera.yaw, d.yaw).to_radians();
        let pitch = fin(camera.pitch, d.pitch).clamp(5.0, 90.0).to_radians();
        let zoom = fin(camera.zoom, d.zoom).clamp(0.25, 4.0);
        let (w, h) = (width.max(1) as f64, height.max(1) as f64);
        // Fit the box's bounding sphere (nearly: most views need less), whatever the
        // rotation, so turning it never rescales it; keep room for the labels.
        let radius = libm::sqrt(2.0 + HEIGHT * HEIGHT / 4.0) * 0.85;
        let scale = (w * 0.86).min(h * 0.82) / (2.0 * radius) * zoom;
        Projection {
            cy: libm::cos(yaw),
            sy: libm::sin(yaw),
            cp: libm::cos(pitch),
            sp: libm::sin(pitch),
            scale,
            centre: (w / 2.0, h * 0.5),
        }
    }

    /// Screen (x, y) in pixels and depth (larger is nearer the viewer) of a world point.
    pub fn project(&self, p: [f64; 3]) -> (f64, f64, f64) {
        let [u, v, w] = p;
        let x1 = u * self.cy - v * self.sy;
        let y1 = u * self.sy + v * self.cy;
        let up = w * self.cp + y1 * self.sp;
        let depth = w * self.sp - y1 * self.cp;
        (
            self.centre.0 + x1 * self.scale,
            self.centre.1 - up * self.scale,
            depth,
        )
    }
}

/// The loss sampled for the mesh, with the scale that gives heights and colours.
#[derive(Clone, Debug, PartialEq)]
pub struct MeshGrid {
    /// Samples along x.
    pub nx: usize,
    /// Samples along y.
    pub ny: usize,
    /// Loss values, row-major, first row at `window.y_max` (as `Objective::loss_grid`).
    pub values: Vec<f64>,
    /// The θ window sampled (edges included).
    pub window: Window,
    /// The colour scale (linear or log) over the values.
    pub scale: ColorScale,
}

impl MeshGrid {
    /// A mesh from a loss grid sampled on `window` (edges included).
    pub fn new(values: Vec<f64>, nx: usize, ny: usize, window: Window, log: bool) -> MeshGrid {
        let scale = ColorScale::from_values(&values, log);
        MeshGrid {
            nx,
            ny,
            values,
            window,
            scale,
        }
    }

    /// World coordinates of θ = (x, y) at loss `loss`, clamped into the box.
    pub fn world(&self, x: f64, y: f64, loss: f64) -> [f64; 3] {
        let w = self.window;
        let c = |v: f64, lo: f64, hi: f64| {
            let t = (v - lo) / (hi - lo) * 2.0 - 1.0;
            if t.is_nan() {
                0.0
            } else {
                t.clamp(-1.0, 1.0)
            }
        };
        [
            c(x, w.x_min, w.x_max),
            c(y, w.y_min, w.y_max),
            (self.scale.unit(loss) - 0.5) * HEIGHT,
        ]
    }

    /// The height w of the mesh as drawn at world (u, v): the two triangles of each quad
    /// (corners 0-1-2 and 0-2-3, as [`raster`] fills them), interpolated linearly.
    pub fn drawn_height(&self, u: f64, v: f64) -> f64 {
        if self.nx < 2 || self.ny < 2 || self.values.len() < self.nx * self.ny {
            return f64::NAN;
        }
        let fi = ((u + 1.0) / 2.0 * (self.nx - 1) as f64).clamp(0.0, (self.nx - 1) as f64);
        let fj = ((1.0 - v) / 2.0 * (self.ny - 1) as f64).clamp(0.0, (self.ny - 1) as f64);
        let (i, j) = (
            (fi.floor() as usize).min(self.nx - 2),
            (fj.floor() as usize).min(self.ny - 2),
        );
        let (fx, fy) = (fi - i as f64, fj - j as f64);
        let h = |i: usize, j: usize| self.node(i, j)[2];
        let (h0, h1, h2, h3) = (h(i, j), h(i + 1, j), h(i + 1, j + 1), h(i, j + 1));
        if fx >= fy {
            h0 + fx * (h1 - h0) + fy * (h2 - h1)
        } else {
            h0 + fy * (h3 - h0) + fx * (h2 - h3)
        }
    }

    /// World coordinates of grid sample (i, j).
    fn node(&self, i: usize, j: usize) -> [f64; 3] {
        let u = i as f64 / (self.nx - 1).max(1) as f64 * 2.0 - 1.0;
        let v = 1.0 - j as f64 / (self.ny - 1).max(1) as f64 * 2.0;
        let h = self.scale.unit(self.values[j * self.nx + i]);
        [u, v, (h - 0.5) * HEIGHT]
    }
}

fn err<E: std::fmt::Display>(e: E) -> String {
    format!("drawing the 3-D view failed: {e}")
}

fn ipt(p: (f64, f64)) -> (i32, i32) {
    (clamp_px(p.0).round() as i32, clamp_px(p.1).round() as i32)
}

/// The light's direction (towards the light), world coordinates, unit length.
const LIGHT_DIR: [f64; 3] = [
    -0.408_248_290_463_863,
    0.408_248_290_463_863,
    0.816_496_580_927_726,
];

/// A quad's colour: viridis at its mean height, shaded by how squarely it faces the light.
fn shade(unit: f64, normal: [f64; 3]) -> RGBColor {
    let len = libm::sqrt(normal.iter().map(|c| c * c).sum::<f64>());
    let lit = if len > 0.0 && len.is_finite() {
        (normal[0] * LIGHT_DIR[0] + normal[1] * LIGHT_DIR[1] + normal[2] * LIGHT_DIR[2]).abs() / len
    } else {
        1.0
    };
    let k = 0.5 + 0.5 * lit;
    let c = VIRIDIS[((unit.clamp(0.0, 1.0) * 255.0 + 0.5) as usize).min(255)];
    RGBColor(
        (c[0] as f64 * k).round() as u8,
        (c[1] as f64 * k).round() as u8,
        (c[2] as f64 * k).round() as u8,
    )
}

/// A quad on screen: its four corners in pixels, their depths and its colour.
pub type Quad = ([(f64, f64); 4], [f64; 4], RGBColor);

/// The quads of the mesh and its skirts in drawing order (far first).
pub fn quads(mesh: &MeshGrid, proj: &Projection) -> Vec<Quad> {
    if mesh.nx < 2 || mesh.ny < 2 || mesh.values.len() < mesh.nx * mesh.ny {
        return Vec::new();
    }
    let nodes: Vec<[f64; 3]> = (0..mesh.ny)
        .flat_map(|j| (0..mesh.nx).map(move |i| (i, j)))
        .map(|(i, j)| mesh.node(i, j))
        .collect();
    let screen: Vec<(f64, f64, f64)> = nodes.iter().map(|&p| proj.project(p)).collect();
    let mut out: Vec<(f64, Quad)> = Vec::with_capacity((mesh.nx - 1) * (mesh.ny - 1));
    for j in 0..mesh.ny - 1 {
        for i in 0..mesh.nx - 1 {
            let idx = [
                j * mesh.nx + i,
                j * mesh.nx + i + 1,
                (j + 1) * mesh.nx + i + 1,
                (j + 1) * mesh.nx + i,
            ];
            let p = idx.map(|k| nodes[k]);
            let s = idx.map(|k| screen[k]);
            let depth = s.iter().map(|q| q.2).sum::<f64>() / 4.0;
            let d1 = [p[2][0] - p[0][0], p[2][1] - p[0][1], p[2][2] - p[0][2]];
            let d2 = [p[3][0] - p[1][0], p[3][1] - p[1][1], p[3][2] - p[1][2]];
            let normal = [
                d1[1] * d2[2] - d1[2] * d2[1],
                d1[2] * d2[0] - d1[0] * d2[2],
                d1[0] * d2[1] - d1[1] * d2[0],
            ];
            let unit = p.iter().map(|q| q[2]).sum::<f64>() / 4.0 / HEIGHT + 0.5;
            // Each quad is grown by half a pixel from its centre so neighbours overlap and
            // no seams of the background show between them.
            let (cx, cy) = (
                s.iter().map(|q| q.0).sum::<f64>() / 4.0,
                s.iter().map(|q| q.1).sum::<f64>() / 4.0,
            );
            let grow = |q: (f64, f64, f64)| {
                let (dx, dy) = (q.0 - cx, q.1 - cy);
                let l = libm::hypot(dx, dy);
                if l > 0.0 {
                    (q.0 + dx / l * 0.6, q.1 + dy / l * 0.6)
                } else {
                    (q.0, q.1)
                }
            };
            out.push((depth, (s.map(grow), s.map(|q| q.2), shade(unit, normal))));
        }
    }
    // Skirts from the four edges down to the floor make the surface a solid block, so a
    // cliff seen from behind shows as a wall instead of its underside.
    let floor = -HEIGHT / 2.0;
    let mut edge = |a: usize, b: usize| {
        let (pa, pb) = (nodes[a], nodes[b]);
        let corners = [pa, pb, [pb[0], pb[1], floor], [pa[0], pa[1], floor]];
        let sc = corners.map(|c| proj.project(c));
        let depth = sc.iter().map(|q| q.2).sum::<f64>() / 4.0;
        let unit = (pa[2] + pb[2]) / 2.0 / HEIGHT + 0.5;
        let c = shade(unit, [0.0, 0.0, 0.0]);
        let dark = RGBColor(
            (c.0 as f64 * 0.6) as u8,
            (c.1 as f64 * 0.6) as u8,
            (c.2 as f64 * 0.6) as u8,
        );
        out.push((depth, (sc.map(|q| (q.0, q.1)), sc.map(|q| q.2), dark)));
    };
    let (nx, ny) = (mesh.nx, mesh.ny);
    for i in 0..nx - 1 {
        edge(i, i + 1);
        edge((ny - 1) * nx + i, (ny - 1) * nx + i + 1);
    }
    for j in 0..ny - 1 {
        edge(j * nx, (j + 1) * nx);
        edge(j * nx + nx - 1, (j + 1) * nx + nx - 1);
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out.into_iter().map(|(_, q)| q).collect()
}

/// The background of the 3-D view.
pub const BACKGROUND: [u8; 3] = [250, 250, 252];

/// The mesh as pixels: colours, and the depth of the surface at each pixel (−∞ where there
/// is none) so that the path can tell where the surface hides it.
#[derive(Clone, Debug, PartialEq)]
pub struct Raster {
    /// RGBA bytes, row-major.
    pub rgba: Vec<u8>,
    /// The surface's depth at each pixel (larger is nearer).
    pub depth: Vec<f32>,
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// How many quads were filled.
    pub quads: usize,
}

impl Raster {
    /// The surface's depth at a pixel position; −∞ off the surface or outside the image.
    pub fn depth_at(&self, x: f64, y: f64) -> f32 {
        if !(x >= 0.0 && y >= 0.0) {
            return f32::NEG_INFINITY;
        }
        let (i, j) = (x as usize, y as usize);
        if i >= self.width || j >= self.height {
            return f32::NEG_INFINITY;
        }
        self.depth[j * self.width + i]
    }
}

/// Rasterizes the mesh into `width × height` pixels (the background where there is no
/// surface): each quad is two triangles filled far to near, so nearer ones cover farther
/// ones. Filling pixels in Rust and handing the buffer over once is far faster than a canvas
/// path per quad (thousands of them, redrawn on every drag event).
pub fn raster(mesh: &MeshGrid, camera: Camera, width: u32, height: u32) -> Raster {
    let (w, h) = (width.min(1 << 14) as usize, height.min(1 << 14) as usize);
    let mut r = Raster {
        rgba: vec![0u8; w * h * 4],
        depth: vec![f32::NEG_INFINITY; w * h],
        width: w,
        height: h,
        quads: 0,
    };
    for p in r.rgba.chunks_exact_mut(4) {
        p[..3].copy_from_slice(&BACKGROUND);
        p[3] = 255;
    }
    let proj = Projection::new(camera, width, height);
    let list = quads(mesh, &proj);
    for (q, d, c) in &list {
        let rgb = [c.0, c.1, c.2];
        fill_triangle(&mut r, [q[0], q[1], q[2]], [d[0], d[1], d[2]], rgb);
        fill_triangle(&mut r, [q[0], q[2], q[3]], [d[0], d[2], d[3]], rgb);
    }
    r.quads = list.len();
    r
}

/// Fills the pixels whose centres lie in a triangle (edges included, so neighbours meet
/// without gaps), with the depth interpolated from its corners.
fn fill_triangle(r: &mut Raster, t: [(f64, f64); 3], d: [f64; 3], rgb: [u8; 3]) {
    let (w, h) = (r.width, r.height);
    if t.iter().any(|p| !(p.0.is_finite() && p.1.is_finite())) {
        return;
    }
    let area = (t[1].0 - t[0].0) * (t[2].1 - t[0].1) - (t[2].0 - t[0].0) * (t[1].1 - t[0].1);
    if area.abs() < 1e-12 {
        return;
    }
    let lo = |a: f64, b: f64, c: f64| a.min(b).min(c).floor().max(0.0) as usize;
    let hi = |a: f64, b: f64, c: f64, n: usize| (a.max(b).max(c).ceil().max(0.0) as usize).min(n);
    let (x0, x1) = (lo(t[0].0, t[1].0, t[2].0), hi(t[0].0, t[1].0, t[2].0, w));
    let (y0, y1) = (lo(t[0].1, t[1].1, t[2].1), hi(t[0].1, t[1].1, t[2].1, h));
    let s = area.signum();
    // Edge functions, scaled so that inside is positive whatever the winding; a little
    // slack (in pixels × edge length) closes hairline seams.
    let edge = |a: (f64, f64), b: (f64, f64), x: f64, y: f64| {
        ((b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0)) * s
    };
    let slack = |a: (f64, f64), b: (f64, f64)| -0.35 * libm::hypot(b.0 - a.0, b.1 - a.1);
    let (s0, s1, s2) = (slack(t[0], t[1]), slack(t[1], t[2]), slack(t[2], t[0]));
    let total = area.abs();
    for y in y0..y1 {
        let cy = y as f64 + 0.5;
        for x in x0..x1 {
            let cx = x as f64 + 0.5;
            let (e0, e1, e2) = (
                edge(t[0], t[1], cx, cy),
                edge(t[1], t[2], cx, cy),
                edge(t[2], t[0], cx, cy),
            );
            if e0 >= s0 && e1 >= s1 && e2 >= s2 {
                let k = y * w + x;
                r.rgba[k * 4..k * 4 + 3].copy_from_slice(&rgb);
                // e1 weighs the corner opposite edge 1→2 (corner 0), and so on.
                r.depth[k] = ((e1 * d[0] + e2 * d[1] + e0 * d[2]) / total) as f32;
            }
        }
    }
}

/// Draws the whole mesh on a backend: the raster through `blit_bitmap`, then the axes.
/// Returns the number of quads.
pub fn draw_mesh<DB: DrawingBackend>(
    mut backend: DB,
    (width, height, dpr): (u32, u32, f64),
    mesh: &MeshGrid,
    camera: Camera,
    axis_names: (&str, &str),
    theme: &Theme,
) -> DrawResult<usize> {
    let r = raster(mesh, camera, width, height);
    let rgb: Vec<u8> = r
        .rgba
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    backend
        .blit_bitmap((0, 0), (width, height), &rgb)
        .map_err(err)?;
    draw_mesh_axes(
        backend,
        (width, height, dpr),
        mesh,
        camera,
        axis_names,
        theme,
    )?;
    Ok(r.quads)
}

/// Draws the loss axis on the block's leftmost vertical edge and the θ ranges along the two
/// floor edges nearest the viewer, over a mesh already in place (see [`raster`]).
pub fn draw_mesh_axes<DB: DrawingBackend>(
    backend: DB,
    (width, height, dpr): (u32, u32, f64),
    mesh: &MeshGrid,
    camera: Camera,
    axis_names: (&str, &str),
    theme: &Theme,
) -> DrawResult {
    let proj = Projection::new(camera, width, height);
    let root = backend.into_drawing_area();
    let px = |c: f64| {
        c * if dpr.is_finite() && dpr > 0.0 {
            dpr.min(8.0)
        } else {
            1.0
        }
    };
    let fg = theme.foreground;
    let lo = -HEIGHT / 2.0;
    let hi = HEIGHT / 2.0;
    let corners = [[-1.0, -1.0], [1.0, -1.0], [1.0, 1.0], [-1.0, 1.0]];
    let floor: Vec<(f64, f64, f64)> = corners
        .iter()
        .map(|c| proj.project([c[0], c[1], lo]))
        .collect();
    // The loss axis on the block's leftmost vertical edge, drawn on top so it stays visible.
    let left = (0..4)
        .min_by(|&a, &b| floor[a].0.total_cmp(&floor[b].0))
        .unwrap_or(0);
    let c = corners[left];
    let (a, b) = (
        proj.project([c[0], c[1], lo]),
        proj.project([c[0], c[1], hi]),
    );
    root.draw(&PathElement::new(
        vec![ipt((a.0, a.1)), ipt((b.0, b.1))],
        fg.stroke_width(px(1.0).round().max(1.0) as u32),
    ))
    .map_err(err)?;
    let font = |h: HPos, v: VPos| {
        ("sans-serif", px(11.0))
            .into_font()
            .color(&fg)
            .pos(Pos::new(h, v))
    };
    let s = mesh.scale;
    let gap = px(4.0);
    for (t, at) in [(0.0, a), (1.0, b)] {
        root.draw(&Text::new(
            format_level(s.value_at(t)),
            ipt((at.0 - gap, at.1)),
            font(HPos::Right, VPos::Center),
        ))
        .map_err(err)?;
    }
    root.draw(&Text::new(
        if s.log { "loss (log)" } else { "loss" }.to_string(),
        ipt((b.0, b.1 - gap)),
        font(HPos::Center, VPos::Bottom),
    ))
    .map_err(err)?;
    // The θ ranges along the two floor edges nearest the viewer, below the floor.
    let w = mesh.window;
    let near = (0..4)
        .max_by(|&a, &b| floor[a].2.total_cmp(&floor[b].2))
        .unwrap_or(0);
    // Corners 0..4 are (−1,−1), (1,−1), (1,1), (−1,1): `near ^ 1` shares the near corner's
    // v (an edge along x), `3 - near` its u (an edge along y).
    for (other, name, along_x, range) in [
        (near ^ 1, axis_names.0, true, (w.x_min, w.x_max)),
        (3 - near, axis_names.1, false, (w.y_min, w.y_max)),
    ] {
        let (p, q) = (floor[near], floor[other]);
        let mid = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0 + px(8.0));
        root.draw(&Text::new(
            name.to_string(),
            ipt(mid),
            font(HPos::Center, VPos::Top),
        ))
        .map_err(err)?;
        // The θ values at both ends of the edge, just inside its ends.
        for (corner, toward) in [(near, other), (other, near)] {
            let cc = corners[corner];
            let t = if along_x { cc[0] } else { cc[1] };
            let v = if t < 0.0 { range.0 } else { range.1 };
            let (f, g) = (floor[corner], floor[toward]);
            let at = (f.0 + (g.0 - f.0) * 0.1, f.1 + (g.1 - f.1) * 0.1 + px(6.0));
            root.draw(&Text::new(
                format_level(v),
                ipt(at),
                font(HPos::Center, VPos::Top),
            ))
            .map_err(err)?;
        }
    }
    root.present().map_err(err)
}

/// The trajectory's columns for the 3-D view.
#[derive(Clone, Copy, Debug)]
pub struct Path3<'a> {
    /// θ's x at each point.
    pub x: &'a [f64],
    /// θ's y at each point.
    pub y: &'a [f64],
    /// The loss at each point.
    pub loss: &'a [f64],
}

/// Lifts the path a little above the surface so it is not hidden in it.
const LIFT: f64 = 0.012;

/// Screen positions and depths of the path's points 0..=upto (clamped into the box), each
/// at its loss's height or on the mesh as drawn where that is higher: between samples the
/// mesh cuts across a narrow pit, and a point at the pit's true bottom would lie inside the
/// block, hidden by its own surface.
pub fn path_px(
    mesh: &MeshGrid,
    proj: &Projection,
    path: &Path3,
    upto: usize,
) -> Vec<(f64, f64, f64)> {
    let n = path.x.len().min(path.y.len()).min(path.loss.len());
    if n == 0 {
        return Vec::new();
    }
    (0..=upto.min(n - 1))
        .map(|i| {
            let mut p = mesh.world(path.x[i], path.y[i], path.loss[i]);
            p[2] = p[2].max(mesh.drawn_height(p[0], p[1])) + LIFT;
            proj.project(p)
        })
        .collect()
}

/// How far (in depth) a path point may lie behind the surface and still count as on it.
const DEPTH_SLACK: f64 = 0.04;

/// At most this many samples test a path's visibility (a long zigzagging run is sampled more
/// coarsely rather than slowly).
const MAX_SAMPLES: f64 = 400_000.0;

/// The path with points added along each segment every `spacing` pixels on screen (at least),
/// so that the surface's depth is tested along the segment and not only at its ends: a
/// segment between two visible points can pass behind a ridge or the block's front wall. The
/// projection is orthographic, so screen position and depth are both linear along a segment.
pub fn densify(pts: &[(f64, f64, f64)], spacing: f64) -> Vec<(f64, f64, f64)> {
    let finite = |p: &(f64, f64, f64)| p.0.is_finite() && p.1.is_finite() && p.2.is_finite();
    let total: f64 = pts
        .windows(2)
        .filter(|w| finite(&w[0]) && finite(&w[1]))
        .map(|w| libm::hypot(w[1].0 - w[0].0, w[1].1 - w[0].1))
        .sum();
    let spacing = spacing.max(total / MAX_SAMPLES).max(1e-3);
    let mut out = Vec::with_capacity(pts.len() + (total / spacing) as usize);
    for (i, &b) in pts.iter().enumerate() {
        if i > 0 {
            let a = pts[i - 1];
            if finite(&a) && finite(&b) {
                let n = (libm::hypot(b.0 - a.0, b.1 - a.1) / spacing).floor() as usize;
                for j in 1..=n {
                    let t = j as f64 / (n + 1) as f64;
                    out.push((
                        a.0 + (b.0 - a.0) * t,
                        a.1 + (b.1 - a.1) * t,
                        a.2 + (b.2 - a.2) * t,
                    ));
                }
            }
        }
        out.push(b);
    }
    out
}

/// Whether the surface leaves a path point (screen x, y and depth) in view.
fn seen_by(depth: Option<&Raster>, p: &(f64, f64, f64)) -> bool {
    depth.is_none_or(|r| p.2 + DEPTH_SLACK >= r.depth_at(p.0, p.1) as f64)
}

/// Splits the path into runs that the surface hides or not, each with its flag; a run
/// shares its end point with the next so the line stays joined.
fn visibility_runs(
    pts: &[(f64, f64, f64)],
    depth: Option<&Raster>,
) -> Vec<(bool, Vec<(f64, f64)>)> {
    let mut runs: Vec<(bool, Vec<(f64, f64)>)> = Vec::new();
    for p in pts {
        let v = seen_by(depth, p);
        match runs.last_mut() {
            Some((flag, run)) if *flag == v => run.push((p.0, p.1)),
            Some((_, run)) => {
                let last = *run.last().unwrap_or(&(p.0, p.1));
                runs.push((v, vec![last, (p.0, p.1)]));
            }
            None => runs.push((v, vec![(p.0, p.1)])),
        }
    }
    runs
}

/// Draws the trajectory on the mesh (clear background, for an overlay canvas): the line and
/// the start ring only where the surface (when `depth` is given) leaves them in view: the
/// mesh in front of the path hides it, as it would a thread lying on a solid block. The
/// current point is a filled dot when in view, else a hollow ring seen through the surface,
/// with `note` (if not empty) in the top-left corner. Returns the number of polyline
/// vertices drawn.
#[allow(clippy::too_many_arguments)]
pub fn draw_mesh_path<DB: DrawingBackend>(
    backend: DB,
    (width, height, dpr): (u32, u32, f64),
    mesh: &MeshGrid,
    camera: Camera,
    path: &Path3,
    upto: usize,
    depth: Option<&Raster>,
    note: &str,
    theme: &Theme,
) -> DrawResult<usize> {
    let proj = Projection::new(camera, width, height);
    let pts3 = path_px(mesh, &proj, path, upto);
    let root = backend.into_drawing_area();
    if pts3.is_empty() {
        return Ok(0);
    }
    let px = |c: f64| {
        c * if dpr.is_finite() && dpr > 0.0 {
            dpr.min(8.0)
        } else {
            1.0
        }
    };
    let lw = px(2.0).round().max(1.0) as u32;
    let mut drawn = 0;
    let dense = if depth.is_some() {
        densify(&pts3, px(1.5))
    } else {
        pts3.clone()
    };
    for (visible, run) in visibility_runs(&dense, depth) {
        if !visible {
            continue;
        }
        let kept = decimate(&run, px(0.75), MAX_VERTICES);
        if kept.len() < 2 {
            continue;
        }
        drawn += kept.len();
        let line: Vec<(i32, i32)> = kept.iter().map(|&p| ipt(p)).collect();
        root.draw(&PathElement::new(
            line.clone(),
            BLACK.mix(0.55).stroke_width(lw + 2),
        ))
        .map_err(err)?;
        root.draw(&PathElement::new(line, theme.path.stroke_width(lw)))
            .map_err(err)?;
    }
    let first = pts3[0];
    if seen_by(depth, &first) {
        ring(&root, ipt((first.0, first.1)), px(6.0), theme.path, lw)?;
    }
    let last = pts3[pts3.len() - 1];
    if seen_by(depth, &last) {
        marker(&root, px(1.0), ipt((last.0, last.1)), theme.current)?;
    } else {
        // Hidden (say at the bottom of a pit seen over its rim): a hollow ring, as if seen
        // through the surface, so that where the run is stays known; and the note.
        ring(&root, ipt((last.0, last.1)), px(5.0), theme.current, lw)?;
    }
    if !seen_by(depth, &last) && !note.is_empty() {
        let font = ("sans-serif", px(12.0))
            .into_font()
            .color(&theme.foreground);
        root.draw(&Text::new(note, ipt((px(8.0), px(8.0))), font))
            .map_err(err)?;
    }
    root.present().map_err(err)?;
    Ok(drawn)
}
