"""Company catalog: data shapes and the job-site-shaped collector interface."""
