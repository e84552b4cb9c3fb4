// The teaching views beside and instead of the flat surface: the data view, the 3-D mesh and
// the 1-D walker's sentence. The App calls these hooks; each view decides whether it shows.

import { CloudView } from './cloud.js';
import { DataView } from './dataview.js';
import { View3D } from './view3d.js';
import { Walker } from './walker.js';

export class Views {
  constructor(app) {
    this.app = app;
    this.data = new DataView(app);
    this.view3d = new View3D(app);
    this.walker = new Walker(app);
    this.cloud = new CloudView(app);
    this.all = [this.data, this.view3d, this.walker, this.cloud];
  }

  /** After a settings or view change: show or hide each view. */
  sync() {
    for (const v of this.all) v.sync();
  }

  /** With the surface's base layer (landscape, size or scale changed). */
  drawBase() {
    this.view3d.drawBase();
  }

  /** Every frame, at the shown step k. */
  draw(k) {
    for (const v of this.all) v.draw(k);
  }

  /** After a size change; true when something was resized. */
  resize() {
    return this.all.map((v) => (v.resize ? v.resize() : false)).some(Boolean);
  }

  /** Helpers for tests and host pages (window.descent.views). */
  api() {
    const pg = this.app.pg;
    return {
      dataPx: (x, y) => pg.data_px(x, y),
      // The data coordinates under a CSS pixel of the data view (drawing), and the points.
      dataAt: (cssX, cssY) => pg.data_at(cssX, cssY),
      points: () => Array.from(pg.points()),
      surfacePx: (x, y) => pg.surface_px(x, y),
      // {window, plot, shown, off_view}: the surface's view as last drawn.
      surfaceView: () => pg.surface_view(),
      meshPx: (x, y, loss) => {
        const c = document.getElementById('mesh');
        return pg.mesh_px(c.width, c.height, x, y, loss, this.app.logColor);
      },
      walker: (k) => pg.walker_at(k ?? this.app.cursor),
      meshMs: () => this.view3d.meshMs,
      // Samples a side of the mesh drawn: a coarse one first on an expensive landscape.
      meshSamples: () => pg.mesh_samples(),
      rotate: (dyaw, dpitch) => {
        const c = this.view3d.camera();
        this.view3d.setCamera({ yaw: c.yaw + dyaw, pitch: c.pitch + dpitch });
      },
      active3d: () => this.view3d.active(),
      // The gradient cloud at step k (default: the shown one) from the core, with `drawn`,
      // its device pixels as last drawn there: {from, scale, arrows, mean, step, ellipse}.
      cloud: (k) => pg.cloud_at(k ?? this.app.cursor, true),
    };
  }
}
