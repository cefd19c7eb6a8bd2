"""Nightly tiva-spark run with Airflow's SparkSubmitOperator (docs/cluster.md, section 6).

Needs apache-airflow >= 2.7 and apache-airflow-providers-apache-spark. The Spark connection
(`tiva_spark`, e.g. AIRFLOW_CONN_TIVA_SPARK='spark://spark-master:7077?deploy-mode=client', or
host `yarn`) must use **client** deploy mode: only then is spark-submit's exit code tiva's own
(contract section 4):

    0 ok
    1 failure (storage, cluster, bug)          -> retried (task retries)
    2 usage or configuration error             -> fail at once, fix the job
    3 invalid input; other years committed     -> fail at once, alert the data owner
    4 quality check failed; everything written -> fail at once, see table quality_checks

SparkSubmitHook raises AirflowException("Cannot execute: ... Error code is: N."); the operator
below turns codes 2/3/4 into AirflowFailException, which skips the remaining retries.
SparkSubmitHook masks secret-looking --conf values in the command line it logs; still, keep
credentials out of `conf` (use instance roles / workload identity or ${?ENV} in cluster.conf).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

TIVA_JAR = "/opt/tiva/tiva-jobs-0.1.0-SNAPSHOT-all.jar"
TIVA_CONF = "/opt/tiva/conf/cluster.conf"  # on the Airflow worker: the driver runs there (client mode)
INPUT = "hdfs:///mrio/icio2023"
WAREHOUSE = "hdfs:///tiva/warehouse"

NO_RETRY = {
    2: "configuration or usage error: fix the DAG or cluster.conf",
    3: "invalid input: the other years were committed (runs.status = PARTIAL); alert the data owner",
    4: "quality check failed: the data is written; see table quality_checks for this run",
}


class TivaSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that maps tiva's exit codes to retry / no-retry."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as e:
            m = re.search(r"Error code is: (\d+)", str(e))
            code = int(m.group(1)) if m else 1
            if code in NO_RETRY:
                raise AirflowFailException(f"tiva exit {code}: {NO_RETRY[code]}") from e
            raise  # exit 1 (or a spark-submit failure): Airflow retries


with DAG(
    dag_id="tiva_nightly",
    start_date=datetime(2026, 1, 1),
    schedule="15 2 * * *",
    catchup=False,
    max_active_runs=1,  # tiva also holds a per-warehouse lock
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["tiva"],
) as dag:
    TivaSubmitOperator(
        task_id="tiva_run",
        conn_id="tiva_spark",
        application=TIVA_JAR,
        java_class="io.tivaspark.jobs.Main",
        name="tiva-nightly-{{ ds }}",
        application_args=[
            "run",
            "--conf", TIVA_CONF,
            "--input", INPUT,
            "--warehouse", WAREHOUSE,
            "--incremental",  # skip years whose input, config and code are unchanged
        ],
        driver_memory="2g",
        executor_memory="6g",
        executor_cores=2,
        num_executors=4,  # YARN/Kubernetes; on standalone use total_executor_cores
        conf={
            "spark.task.cpus": "2",  # = executor cores: one year per executor at a time
            "spark.executorEnv.OPENBLAS_NUM_THREADS": "2",
            "spark.driver.extraJavaOptions": "-Xss16m",
            "spark.executor.extraJavaOptions": "-Xss16m",
            "spark.executor.memoryOverhead": "1g",
        },
        execution_timeout=timedelta(hours=3),
        verbose=False,
    )
