import { describe, expect, it } from 'vitest';
import { tracesExporterOf } from './tracesExporter.js';

describe('tracesExporterOf', () => {
  it('is off unless an OTLP endpoint or an exporter is set, and OTEL_TRACES_EXPORTER=none wins', () => {
    expect(tracesExporterOf({})).toBeUndefined();
    expect(tracesExporterOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe('otlp');
    expect(tracesExporterOf({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(
      'otlp',
    );
    expect(tracesExporterOf({ OTEL_TRACES_EXPORTER: 'otlp' })).toBe('otlp');
    expect(tracesExporterOf({ OTEL_TRACES_EXPORTER: 'console' })).toBe('console');
    expect(
      tracesExporterOf({
        OTEL_TRACES_EXPORTER: 'none',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      }),
    ).toBeUndefined();
  });
});
