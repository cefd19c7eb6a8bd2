package io.tivaspark.jobs.cli;

import com.typesafe.config.Config;
import io.tivaspark.jobs.ingest.IngestJob;
import io.tivaspark.jobs.run.CatalogSettings;
import io.tivaspark.jobs.run.CoreSettings;
import io.tivaspark.jobs.run.RunSettings;
import io.tivaspark.jobs.validate.ValidateJob;

/**
 * Every typed setting of the commands, built once at the command-line edge ({@link Main}) from
 * the effective configuration ({@link Settings}: conf/application.conf, the only place defaults
 * live, then --conf, then environment overrides). A missing or invalid value is rejected here,
 * before Spark starts or anything is written, with the key named (exit 2).
 *
 * @param source the configuration these were read from (Spark settings, --show-config, the runs
 *     table's config column)
 * @param run tiva.run.* settings that steer a run (families, switches, lock, staging)
 * @param core the settings that shape the numbers (tiva.run.*, tiva.balance-*, tiva.groups)
 * @param validate tiva.validate.* and tiva.balance-*
 * @param ingest tiva.ingest.*
 * @param catalog tiva.catalog.*: the database a run registers its tables in ("" = off)
 */
public record TivaSettings(Settings source, RunSettings run, CoreSettings core, ValidateJob.Options validate,
    IngestJob.Options ingest, CatalogSettings catalog) {

  public static TivaSettings from(Settings settings) {
    Config t = settings.tiva();
    return new TivaSettings(settings, RunSettings.from(t), CoreSettings.from(t), ValidateJob.Options.from(t),
        IngestJob.Options.from(t), CatalogSettings.from(t));
  }
}
