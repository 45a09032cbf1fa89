package com.sparkify;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages form layers, each using only those below it: the entry point (SparkifyJob) runs the pipeline
 * (run), which calls its stages (read, transform, consolidate, cassandra, report), which use Spark helpers,
 * the settings, the table declarations and the error types, in that order. The tools may use the pipeline,
 * never the reverse; and no two packages depend on each other, however indirectly.
 */
@AnalyzeClasses(packages = "com.sparkify", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {
  private static final String TOOLS = "Tools";
  private static final String ENTRY = "Entry point";
  private static final String RUN = "Run";
  private static final String STAGES = "Stages";
  private static final String SPARK = "Spark helpers";
  private static final String SETTINGS = "Settings";
  private static final String TABLES = "Tables";
  private static final String ERRORS = "Errors";

  @ArchTest
  static final ArchRule eachLayerUsesOnlyTheLayersBelowIt = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer(TOOLS).definedBy("com.sparkify.tools..")
      .layer(ENTRY).definedBy("com.sparkify.pipeline")
      .layer(RUN).definedBy("com.sparkify.pipeline.run..")
      .layer(STAGES).definedBy("com.sparkify.pipeline.read..", "com.sparkify.pipeline.transform..",
          "com.sparkify.pipeline.consolidate..", "com.sparkify.pipeline.cassandra..", "com.sparkify.pipeline.report..")
      .layer(SPARK).definedBy("com.sparkify.pipeline.spark..")
      .layer(SETTINGS).definedBy("com.sparkify.pipeline.settings..")
      .layer(TABLES).definedBy("com.sparkify.pipeline.tables..")
      .layer(ERRORS).definedBy("com.sparkify.pipeline.errors..")
      .whereLayer(TOOLS).mayNotBeAccessedByAnyLayer()
      .whereLayer(ENTRY).mayOnlyBeAccessedByLayers(TOOLS)
      .whereLayer(RUN).mayOnlyBeAccessedByLayers(ENTRY, TOOLS)
      .whereLayer(STAGES).mayOnlyBeAccessedByLayers(RUN, ENTRY, TOOLS)
      .whereLayer(SPARK).mayOnlyBeAccessedByLayers(STAGES, RUN, ENTRY, TOOLS)
      .whereLayer(SETTINGS).mayOnlyBeAccessedByLayers(SPARK, STAGES, RUN, ENTRY, TOOLS)
      .whereLayer(TABLES).mayOnlyBeAccessedByLayers(SETTINGS, SPARK, STAGES, RUN, ENTRY, TOOLS)
      .whereLayer(ERRORS).mayOnlyBeAccessedByLayers(TABLES, SETTINGS, SPARK, STAGES, RUN, ENTRY, TOOLS);

  /** Within a layer too (one stage's package and another's, one tool's and another's). */
  @ArchTest
  static final ArchRule noPackagesDependOnEachOther = slices().matching("com.sparkify.(**)").should().beFreeOfCycles();
}
