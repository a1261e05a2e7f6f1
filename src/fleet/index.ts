// The fleet engine: rank the instances a Prometheus server knows by their post-GC heap trend (no vscode here).
export { FleetError, type FleetErrorCode } from './errors';
export { rankFleet, defaultStep, DEFAULT_MAX_INSTANCES, type FleetQuery, type FleetReport } from './fleet';
export { judgeInstance, type InstanceVerdict, type InstanceSeries } from './instanceVerdict';
export { PrometheusClient, parsePrometheusUrl, type PrometheusOptions } from './prometheusClient';
export { describeVerdict, formatRate } from './describe';
export { sparkline } from './sparkline';
export { parseDuration } from './duration';
export { fillEndpoint, splitHostPort, type InstanceLabels } from './endpoint';
