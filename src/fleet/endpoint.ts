// Where a fleet instance's own inspector or pprof endpoint is: a template filled from its labels, e.g.
// `http://{instance_host}:6060/debug/pprof/` or `{instance_host}:9229` (no vscode import: unit-tested).

export interface InstanceLabels {
  job: string;
  /** Prometheus's `instance` label, usually host:port of the metrics endpoint. */
  instance: string;
}

/** The template with {instance}, {instance_host}, {instance_port} and {job} filled; undefined for ''. */
export function fillEndpoint(template: string, labels: InstanceLabels): string | undefined {
  if (!template) return undefined;
  const { host, port } = splitHostPort(labels.instance);
  const values: Record<string, string> = { instance: labels.instance, instance_host: host, instance_port: port, job: labels.job };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** `10.0.0.5:9100` → host and port; `[::1]:9100` keeps the brackets (as URLs want them); no port → ''. */
export function splitHostPort(instance: string): { host: string; port: string } {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(instance);
  return m ? { host: m[1]!, port: m[2] ?? '' } : { host: instance, port: '' };
}
