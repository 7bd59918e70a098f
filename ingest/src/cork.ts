import type { Writable } from "node:stream";

const corked = new WeakSet<Writable>();

/**
 * Corks `socket` until the current turn's ticks and settled promises have run (once per turn, however
 * often it is called): what the turn writes leaves in one writev instead of a syscall per write.
 * The bytes and their order are the same; only their TCP segments change, as they do for any busy
 * peer. Used where one turn writes many small frames: the FreeSWITCH emulator's events, the chat
 * stream's messages and answers.
 */
export function corkForTurn(socket: Writable): void {
  if (corked.has(socket)) return;
  corked.add(socket);
  socket.cork();
  process.nextTick(() => {
    corked.delete(socket);
    socket.uncork();
  });
}
