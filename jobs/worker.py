"""Scale-out worker process: `python -m jobs.worker` (same JOBPOST_* settings as the API, with
JOBPOST_QUEUE_BACKEND=redis). Runs the jobs the API processes queue, with the same admission limit."""
from __future__ import annotations

import asyncio
import logging
import signal

from core.config import get_settings

log = logging.getLogger("jobs.worker")


async def serve() -> None:
    from taskiq.api import run_receiver_task

    from api.runtime import Runtime

    settings = get_settings()
    if settings.queue_backend != "redis":
        raise SystemExit("jobs.worker needs JOBPOST_QUEUE_BACKEND=redis and JOBPOST_REDIS_URL")
    rt = Runtime(settings, role="worker")
    await rt.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    receiver = loop.create_task(run_receiver_task(rt.jobs.broker, max_async_tasks=100, run_startup=False))
    log.info("job worker %s listening on %s", rt.jobs.owner, settings.queue_name)
    print(f"jobs.worker ready {rt.jobs.owner}", flush=True)
    await stop.wait()
    receiver.cancel()
    await asyncio.gather(receiver, return_exceptions=True)
    await rt.stop()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(serve())


if __name__ == "__main__":
    main()
