// Yielding to the browser between pieces of work, so that no task grows long.

/** Resolves in a new task (after whatever the browser has queued), not in this one. */
export const nextTask = () => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(0);
});
