// The heap verdict in the status bar while something is attached; a click reveals the panel.
import * as vscode from 'vscode';
import { formatBytes } from '../../heap/format';
import type { HeapMonitor } from '../../heap/monitor';
import { monitorWireTrend } from '../../heap/panelWire';

export function createHeapStatusBar(monitor: HeapMonitor): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('leaklens.heap', vscode.StatusBarAlignment.Right, 100);
  item.name = 'LeakLens Heap';
  item.command = 'leaklens.heapView.focus';
  const update = () => {
    if (monitor.status === 'detached') {
      item.hide();
      return;
    }
    const last = monitor.ring.last();
    const trend = monitorWireTrend(monitor);
    const growing = trend.state === 'growing';
    const size = last ? formatBytes(last.used) : '…';
    item.text =
      monitor.status === 'reconnecting'
        ? `$(sync~spin) heap: waiting`
        : `$(pulse) ${size}${growing ? ` $(arrow-up) ${formatBytes(trend.bytesPerMinute ?? 0)}/min` : ''}`;
    item.tooltip = `LeakLens — ${monitor.target}: ${trend.text}`;
    item.backgroundColor = growing ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const off = monitor.onChange(update);
  update();
  return { dispose: () => (off(), item.dispose()) };
}
