"""Scale-out dispatch: job ids travel through a Redis stream (taskiq + taskiq-redis) to worker processes.

RedisStreamBroker reads with a consumer group and acknowledges a message only after the task
finished, so a message whose worker was killed stays pending and is claimed again (XAUTOCLAIM)
after `idle_timeout`. The database stays the source of truth: a delivery only runs a job it can
claim (queued -> running), so repeats are harmless, and the workers' lease sweep retries or fails
a job whose worker died even if Redis never hands the message out again."""
from __future__ import annotations

from typing import Any

TASK = "jobpost.run_job"


def make_broker(settings, service) -> Any:
    from taskiq_redis import RedisStreamBroker

    broker = RedisStreamBroker(settings.redis_url, queue_name=f"{settings.queue_name}:jobs",
                               consumer_group_name=f"{settings.queue_name}:workers",
                               consumer_id="0",  # a group made after jobs were sent still reads them
                               idle_timeout=int(max(settings.job_lease_s * 4, 60) * 1000))

    async def run_job(job_id: str) -> None:
        await service.run_delivered(job_id)

    broker.register_task(run_job, task_name=TASK)
    return broker


async def send(broker, job_id: str) -> None:
    await broker.find_task(TASK).kiq(job_id)
