import { MAX_LOG_BYTES, ManagedProcess } from './managed-process';

/** What {@link createMediaDaemonProcess} needs. */
export interface MediaDaemonProcessOptions {
  /** Name in messages ("rtpengine", "coturn"). */
  readonly name: string;
  readonly runDir: string;
  readonly logPath: string;
  readonly startTimeoutMs?: number | undefined;
  readonly stopTimeoutMs?: number | undefined;
  /** Gives the daemon's reserved media port range back (it ended, or never started). */
  readonly releasePorts: () => void;
}

/**
 * The {@link ManagedProcess} of a media daemon holding a reserved port range (rtpengine, coturn):
 * not detached (setpriv's PDEATHSIG already ties it to Node), its log rotated, the port range given
 * back whenever it ends, and an unexpected exit said on stderr with the log's path.
 */
export function createMediaDaemonProcess(options: MediaDaemonProcessOptions): ManagedProcess {
  const managed = new ManagedProcess({
    name: options.name,
    logPath: options.logPath,
    cwd: options.runDir,
    detached: false,
    maxLogBytes: MAX_LOG_BYTES,
    startTimeoutMs: options.startTimeoutMs ?? 10_000,
    stopTimeoutMs: options.stopTimeoutMs ?? 5_000,
  });
  managed.onTerminated(options.releasePorts);
  managed.onDidExitUnexpectedly((reason) => {
    options.releasePorts();
    process.stderr.write(`${options.name} ${reason}: see ${options.logPath}\n`);
  });
  return managed;
}
