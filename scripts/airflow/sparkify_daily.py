"""Sparkify's daily load: one spark-submit of the job per day, for that day's event log only.

Deploy: copy this file into Airflow's dags folder; set SPARKIFY_HOME (where target/sparkify.jar, conf/ and data/
live on the Airflow worker) or the SPARKIFY_* variables below, and point the Airflow connection `spark_default`
at the cluster (master yarn, k8s://..., spark://...). Needs apache-airflow-providers-apache-spark 4.8 or newer.

Each run passes its logical date ({{ ds }}) as --date; the job reads <input>/<ds>-events.csv and writes that
day's events.csv, rejects file and report under <output root>/<ds>/, so a rerun replaces only that day. The
task returns the report's path (XCom) for downstream tasks. Exit codes after which a retry cannot help fail the
task at once; the others (Cassandra unreachable, a failed write, a day's file not there yet) are retried.
"""
import os
import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SPARKIFY_HOME = os.environ.get("SPARKIFY_HOME", "/opt/sparkify")
JAR = os.environ.get("SPARKIFY_JAR", f"{SPARKIFY_HOME}/target/sparkify.jar")
CONFIG = os.environ.get("SPARKIFY_CONFIG", f"{SPARKIFY_HOME}/conf/application.conf")
INPUT = os.environ.get("SPARKIFY_INPUT", f"{SPARKIFY_HOME}/data")
OUTPUT_ROOT = os.environ.get("SPARKIFY_OUTPUT_ROOT", f"{SPARKIFY_HOME}/data/daily")
# client: the driver runs on the Airflow worker and the job's exit code reaches Airflow as it is;
# cluster: the driver runs on the cluster and ships the config file with it (--files)
DEPLOY_MODE = os.environ.get("SPARKIFY_DEPLOY_MODE", "client")

# The job's exit codes after which running it again unchanged cannot succeed (README, "Exit codes").
NO_RETRY = {2: "bad command line or configuration", 4: "more rejected rows than the error budget allows"}

DAY_FOLDER = OUTPUT_ROOT + "/{{ ds }}"


def exit_code(failure):
    """The spark-submit exit code in the message SparkSubmitHook raises ("... Error code is: 4.")."""
    found = re.search(r"Error code is: (\d+)", failure)
    return int(found.group(1)) if found else None


class SparkifySubmitOperator(SparkSubmitOperator):
    """spark-submit of the job: fails without retries when the job says they cannot help, returns the report."""

    template_fields = (*SparkSubmitOperator.template_fields, "report")

    def __init__(self, *, report, **kwargs):
        super().__init__(**kwargs)
        self.report = report

    def execute(self, context):
        try:
            super().execute(context)
        except AirflowException as failure:
            code = exit_code(str(failure))
            if code in NO_RETRY:
                raise AirflowFailException(
                    f"sparkify exited {code} ({NO_RETRY[code]}): a retry cannot help; see {self.report}"
                ) from failure
            raise
        return self.report


with DAG(
    dag_id="sparkify_daily",
    description="Sparkify event logs of one day into events.csv and the Cassandra query tables",
    schedule="@daily",
    start_date=datetime(2018, 11, 1),
    catchup=False,
    # days are independent (own input file, own output folder, upserts by key): backfills may overlap
    max_active_runs=3,
    default_args={
        "retries": 3,
        "retry_delay": timedelta(minutes=10),
        "retry_exponential_backoff": True,
    },
    tags=["sparkify"],
) as dag:
    SparkifySubmitOperator(
        task_id="load_day",
        conn_id="spark_default",
        application=JAR,
        java_class="com.sparkify.pipeline.SparkifyJob",
        name="sparkify-{{ ds }}",
        deploy_mode=DEPLOY_MODE,
        files=CONFIG,
        application_args=[
            "--input", INPUT,
            "--date", "{{ ds }}",
            "--output", DAY_FOLDER + "/events.csv",
            "--report", DAY_FOLDER + "/events.report.json",
            "--config", CONFIG if DEPLOY_MODE == "client" else os.path.basename(CONFIG),
        ],
        report=DAY_FOLDER + "/events.report.json",
    )
