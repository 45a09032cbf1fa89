"""Loads an Airflow DAG file where Airflow is not installed, and prints what its tasks would run, as JSON.

Usage: python3 render_dag.py DAG_FILE DS

Airflow's modules are stood in for by stubs that take the same keyword arguments as Airflow 2.x's DAG,
BaseOperator and the Spark provider's SparkSubmitOperator (an unknown one is an error, as in Airflow), render
the operator's template_fields with {{ ds }} (any other template is an error), and fail execute() the way
SparkSubmitHook does, so the DAG's own error handling can be checked for every exit code of the job.
"""
import json
import re
import sys
import types

DS = sys.argv[2]
DAGS = []
TASKS = []


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


class DAG:
    current = None
    ARGS = {"dag_id", "description", "schedule", "start_date", "end_date", "catchup", "max_active_runs",
            "max_active_tasks", "default_args", "tags", "doc_md", "params", "dagrun_timeout"}

    def __init__(self, **kwargs):
        unknown = set(kwargs) - self.ARGS
        if unknown:
            raise TypeError(f"DAG got unexpected arguments {sorted(unknown)}")
        self.kwargs = kwargs
        DAGS.append(self)

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None


class BaseOperator:
    ARGS = {"task_id", "retries", "retry_delay", "retry_exponential_backoff", "max_retry_delay",
            "execution_timeout", "owner", "email", "email_on_failure", "email_on_retry", "pool", "queue",
            "trigger_rule", "depends_on_past", "sla", "do_xcom_push", "dag"}

    def __init__(self, **kwargs):
        dag = DAG.current
        merged = dict((dag.kwargs.get("default_args") or {}) if dag else {})
        merged.update(kwargs)
        unknown = set(merged) - self.ARGS
        if unknown:
            raise TypeError(f"Invalid arguments were passed to {type(self).__name__}: {sorted(unknown)}")
        self.task_id = merged["task_id"]
        self.retries = merged.get("retries", 0)
        TASKS.append(self)


class SparkSubmitOperator(BaseOperator):
    """The signature of apache-airflow-providers-apache-spark 4.8+ (keyword-only)."""

    template_fields = ("application", "conf", "files", "py_files", "jars", "driver_class_path", "packages",
                       "exclude_packages", "keytab", "principal", "proxy_user", "name", "application_args",
                       "env_vars", "properties_file")
    OWN = {"application": "", "conf": None, "conn_id": "spark_default", "files": None, "py_files": None,
           "archives": None, "driver_class_path": None, "jars": None, "java_class": None, "packages": None,
           "exclude_packages": None, "repositories": None, "total_executor_cores": None, "executor_cores": None,
           "executor_memory": None, "driver_memory": None, "keytab": None, "principal": None, "proxy_user": None,
           "name": "arrow-spark", "num_executors": None, "status_poll_interval": 1, "application_args": None,
           "env_vars": None, "verbose": False, "spark_binary": None, "properties_file": None, "yarn_queue": None,
           "deploy_mode": None, "use_krb5ccache": False}
    exit_code = 0

    def __init__(self, **kwargs):
        own = {key: kwargs.pop(key, default) for key, default in self.OWN.items()}
        super().__init__(**kwargs)
        for key, value in own.items():
            setattr(self, key, value)

    def execute(self, context):
        if SparkSubmitOperator.exit_code:
            raise AirflowException(f"Cannot execute: spark-submit --master yarn --name {self.name} "
                                   f"{self.application}. Error code is: {SparkSubmitOperator.exit_code}.")


def render(value):
    if isinstance(value, str):
        rendered = re.sub(r"\{\{\s*ds\s*\}\}", DS, value)
        if "{{" in rendered or "{%" in rendered:
            raise ValueError(f"a template other than {{{{ ds }}}} is not rendered here: {value}")
        return rendered
    if isinstance(value, (list, tuple)):
        return [render(v) for v in value]
    if isinstance(value, dict):
        return {k: render(v) for k, v in value.items()}
    return value


def stub(name, **members):
    module = types.ModuleType(name)
    module.__dict__.update(members)
    sys.modules[name] = module


stub("airflow", DAG=DAG)
stub("airflow.exceptions", AirflowException=AirflowException, AirflowFailException=AirflowFailException)
for package in ("airflow.providers", "airflow.providers.apache", "airflow.providers.apache.spark",
                "airflow.providers.apache.spark.operators"):
    stub(package)
stub("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=SparkSubmitOperator)

source = open(sys.argv[1], encoding="utf-8").read()
exec(compile(source, sys.argv[1], "exec"), {"__name__": "dag_under_test", "__file__": sys.argv[1]})

tasks = []
for task in TASKS:
    for field in task.template_fields:
        setattr(task, field, render(getattr(task, field, None)))
    outcomes = {}
    for code in range(1, 7):
        SparkSubmitOperator.exit_code = code
        try:
            task.execute({"ds": DS})
            outcomes[code] = "succeeded"
        except AirflowFailException:
            outcomes[code] = "failed without retry"
        except AirflowException:
            outcomes[code] = "retried"
    SparkSubmitOperator.exit_code = 0
    returned = task.execute({"ds": DS})
    tasks.append({
        "task_id": task.task_id, "retries": task.retries, "application": task.application,
        "java_class": task.java_class, "deploy_mode": task.deploy_mode, "files": task.files, "name": task.name,
        "application_args": task.application_args, "returned": returned,
        "on_exit_code": outcomes,
    })
dags = [{key: dag.kwargs.get(key) for key in ("dag_id", "schedule", "catchup", "max_active_runs")} for dag in DAGS]
print(json.dumps({"dags": dags, "tasks": tasks}, indent=2, default=str))
