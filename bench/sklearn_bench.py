"""Single-threaded scikit-learn KMeans timings for bench/run.ts.

Usage: /usr/bin/python3 bench/sklearn_bench.py '<json spec>'

The spec names a raw float64 little-endian file (rows x cols, row-major), k, the number of repeats,
and a list of jobs. A job is either {"name", "start": [row indices]} (Lloyd from those rows) or
{"name", "seed"} (a full k-means++ fit with random_state=seed). Each job is timed best-of-repeats
under threadpool_limits(1); its labels are written as int32 to "<labelsPrefix><name>.i32".
A job {"name", "silhouette": {"rows", "labels"}} instead times the exact silhouette_score of the first
rows of X under the int32 labels in that file, and reports the score.
A job {"name", "dbscan": {"eps", "min_samples"}} times DBSCAN(n_jobs=1).fit(X) and writes its labels to
"<labelsPrefix><name>.i32" and its core_sample_indices_ to "<labelsPrefix><name>.core.i32".
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
            if "silhouette" in job:
                out["jobs"][job["name"]] = time_silhouette(X, job["silhouette"], spec["repeats"])
                continue
            if "dbscan" in job:
                prefix = spec["labelsPrefix"] + job["name"]
                out["jobs"][job["name"]] = time_dbscan(X, job["dbscan"], spec["repeats"], prefix)
                continue
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


def time_silhouette(X, job, repeats):
    """Best-of-repeats time of silhouette_score on the first job["rows"] rows (the caller limits threads)."""
    import numpy as np
    from sklearn.metrics import silhouette_score

    rows = job["rows"]
    labels = np.fromfile(job["labels"], dtype="<i4")[:rows]
    best = float("inf")
    score = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        score = silhouette_score(X[:rows], labels)
        best = min(best, time.perf_counter() - t0)
    return {"seconds": best, "score": float(score)}


def time_dbscan(X, job, repeats, prefix):
    """Best-of-repeats time of DBSCAN(eps, min_samples, n_jobs=1).fit(X); labels and core rows as int32
    to "<prefix>.i32" and "<prefix>.core.i32"."""
    import numpy as np
    from sklearn.cluster import DBSCAN

    best = float("inf")
    model = None
    for _ in range(repeats):
        model = DBSCAN(eps=job["eps"], min_samples=job["min_samples"], n_jobs=1)
        t0 = time.perf_counter()
        model.fit(X)
        best = min(best, time.perf_counter() - t0)
    model.labels_.astype("<i4").tofile(prefix + ".i32")
    model.core_sample_indices_.astype("<i4").tofile(prefix + ".core.i32")
    return {"seconds": best, "n_clusters": int(model.labels_.max() + 1), "n_noise": int(np.sum(model.labels_ == -1))}


if __name__ == "__main__":
    main()
