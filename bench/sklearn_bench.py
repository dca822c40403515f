"""Single-threaded scikit-learn KMeans timings for bench/run.ts.

Usage: /usr/bin/python3 bench/sklearn_bench.py '<json spec>'

The spec names a raw float64 little-endian file (rows x cols, row-major), k, the number of repeats,
and a list of jobs. A job is either {"name", "start": [row indices]} (Lloyd from those rows) or
{"name", "seed"} (a full k-means++ fit with random_state=seed). Each job is timed best-of-repeats
under threadpool_limits(1); its labels are written as int32 to "<labelsPrefix><name>.i32".
Prints one JSON object on stdout; on a missing library it prints {"error": ...} and exits 0.
"""

import json
import sys
import time


def main() -> None:
    spec = json.loads(sys.argv[1])
    try:
        import numpy as np
        import sklearn
        from sklearn.cluster import KMeans
        from threadpoolctl import threadpool_info, threadpool_limits
    except ImportError as exc:  # the bench reports that scikit-learn was not measured
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
        return

    rows, cols, k = spec["rows"], spec["cols"], spec["k"]
    X = np.fromfile(spec["data"], dtype="<f8").reshape(rows, cols)
    out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "jobs": {}}
    with threadpool_limits(1):
        out["threadpools"] = [
            {
                key: info.get(key)
                for key in ("user_api", "internal_api", "version", "num_threads", "threading_layer", "architecture")
                if info.get(key) is not None
            }
            for info in threadpool_info()
        ]
        for job in spec["jobs"]:
            if "start" in job:
                init = X[np.asarray(job["start"], dtype=np.intp)]
                params = dict(init=init, random_state=None)
            else:
                params = dict(init="k-means++", random_state=job["seed"])
            best = float("inf")
            model = None
            for _ in range(spec["repeats"]):
                km = KMeans(n_clusters=k, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300, **params)
                t0 = time.perf_counter()
                km.fit(X)
                best = min(best, time.perf_counter() - t0)
                model = km
            model.labels_.astype("<i4").tofile(spec["labelsPrefix"] + job["name"] + ".i32")
            out["jobs"][job["name"]] = {
                "seconds": best,
                "n_iter": int(model.n_iter_),
                "inertia": float(model.inertia_),
            }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
