// The Fleet view's rows: one per instance, ranked as `leaklens fleet` ranks them, each with its verdict,
// a sparkline of its heap envelope and its rate; or one row that says why there is nothing to show.
import * as vscode from 'vscode';
import { describeVerdict, formatRate, sparkline, type FleetReport, type InstanceVerdict } from '../../fleet';

export type FleetState =
  { kind: 'unconfigured' } | { kind: 'loading' } | { kind: 'report'; report: FleetReport } | { kind: 'error'; message: string };

export class InstanceItem extends vscode.TreeItem {
  constructor(readonly verdict: InstanceVerdict) {
    super(verdict.instance, vscode.TreeItemCollapsibleState.None);
    this.id = `${verdict.job}/${verdict.instance}`;
    this.description = `${verdict.pattern === 'collecting' ? 'collecting' : formatRate(verdict.bytesPerMinute)} ${sparkline(verdict.sparkline)} ${verdict.job}`;
    this.tooltip = new vscode.MarkdownString(
      `**${verdict.instance}** (${verdict.job}, ${verdict.runtime})\n\n${describeVerdict(verdict)}${verdict.restarts ? `\n\nRestarts in the window: ${verdict.restarts}` : ''}\n\nSelect to attach the heap view.`,
    );
    this.iconPath = verdict.growing
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
      : new vscode.ThemeIcon(
          verdict.pattern === 'collecting' ? 'watch' : 'pass',
          new vscode.ThemeColor(verdict.pattern === 'collecting' ? 'descriptionForeground' : 'testing.iconPassed'),
        );
    this.contextValue = verdict.growing ? 'leaklens.fleet.growing' : 'leaklens.fleet.instance';
    this.command = { command: 'leaklens.fleet.openInstance', title: 'Attach the heap view', arguments: [verdict] };
  }
}

export class FleetTreeProvider implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private state: FleetState = { kind: 'unconfigured' };

  get current(): FleetState {
    return this.state;
  }

  set(state: FleetState): void {
    this.state = state;
    this.changed.fire();
  }

  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }

  getChildren(parent?: vscode.TreeItem): vscode.TreeItem[] {
    if (parent) return [];
    switch (this.state.kind) {
      // The view's welcome content (package.json) speaks for an empty tree.
      case 'unconfigured':
        return [];
      case 'loading':
        return [message('Querying Prometheus…', 'loading~spin')];
      case 'error':
        return [message(this.state.message, 'warning')];
      case 'report':
        return this.state.report.instances.length
          ? this.state.report.instances.map((v) => new InstanceItem(v))
          : [message('No instance exports Node or Go heap metrics for this selector.', 'info')];
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function message(text: string, icon: string): vscode.TreeItem {
  const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon(icon);
  item.tooltip = text;
  return item;
}
