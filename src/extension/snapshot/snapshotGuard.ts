// The snapshot guard in the editor: before Take Heap Snapshot (from the palette or the heap panel's button)
// on a Node process, the memory the snapshot will cost the target is estimated (src/heap/snapshot/guard.ts)
// against `leaklens.snapshot.memoryLimitMb` and, for a target on this machine, the host's available memory.
// When it may not fit, or when nothing says how much the target can get (a remote target, no limit set),
// the user is told and offered a heap profile instead.
import * as vscode from 'vscode';
import { formatBytes } from '../../common/format';
import { isLoopbackHost, type InspectorAddress, type InspectorSession } from '../../heap/inspector';
import { hostAvailableMemory, snapshotRisk } from '../../heap/snapshot/guard';
import { writeTestState } from '../testState';
import { addressText, TAKE_PROFILE_COMMAND } from './takeProfile';

const PROFILE = 'Take Heap Profile';
const SNAPSHOT = 'Take Snapshot Anyway';

/**
 * True: go on with the snapshot. False: the user chose the profile (started here) or cancelled. `connect`
 * gives the session the snapshot will use (the heap view's own, or a pooled one) to read the heap's size.
 */
export async function snapshotMayProceed(connect: () => Promise<InspectorSession>, address: InspectorAddress): Promise<boolean> {
  const limitMb = Math.max(0, vscode.workspace.getConfiguration('leaklens.snapshot').get<number>('memoryLimitMb', 0));
  const local = isLoopbackHost(address.host);
  let risk;
  try {
    risk = await snapshotRisk(await connect(), {
      ...(limitMb > 0 ? { limitBytes: limitMb * 1024 * 1024 } : {}),
      ...(local ? { hostAvailableBytes: hostAvailableMemory() } : {}),
    });
  } catch {
    return true; // the snapshot itself reports an unreachable target in its own words
  }
  const unknown = risk.availableBytes === undefined;
  if (risk.fits && !unknown) return true;
  const message = unknown
    ? `LeakLens cannot tell how much memory this process on ${address.host} can still get (set leaklens.snapshot.memoryLimitMb): a heap snapshot may need about ${formatBytes(risk.estimatedExtraBytes)} more while it is written. A heap profile (sampled, a few percent of overhead) is the safe alternative.`
    : risk.message;
  writeTestState('snapshot-guard', { address: addressText(address), ...risk, message });
  const choice = await vscode.window.showWarningMessage(`LeakLens: ${message}`, PROFILE, SNAPSHOT);
  if (choice === PROFILE) void vscode.commands.executeCommand(TAKE_PROFILE_COMMAND, { address: addressText(address) });
  return choice === SNAPSHOT;
}
