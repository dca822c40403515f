#!/usr/bin/env python3
"""Generate the scikit-learn reference fixtures in test/fixtures/.

Why these files exist
---------------------
The TypeScript engine in src/ (scalers, Lloyd k-means, k-means++ and random
initialisation, silhouette / Calinski-Harabasz / Davies-Bouldin, Kneedle knee
finder) promises to reproduce scikit-learn's numbers.  The engine's unit tests
load the JSON files written here and compare their own output against what
scikit-learn 1.2.1 / numpy 1.24 actually computed.  The fixtures are committed
so the TS tests never need Python; this script is only needed to regenerate
them (e.g. after adding a dataset or moving to another scikit-learn version).

How to regenerate
-----------------
    apt-get install -y python3-sklearn python3-pandas   # Debian packages, once
    /usr/bin/python3 scripts/make_fixtures.py             # from the repo root

The output is deterministic: running the script twice gives byte-identical
files (OpenMP/BLAS are pinned to one thread before numpy is imported because
scikit-learn's multi-threaded reductions add partial sums in a
thread-scheduling-dependent order).  Only data shipped with scikit-learn
(load_iris) or generated from fixed seeds is used; nothing is downloaded.

Files: test/fixtures/<dataset>.json (one per dataset, schema below),
test/fixtures/kneedle.json (knee-finder curves), test/fixtures/rng.json
(numpy legacy RandomState / MT19937 streams that k-means++ and init="random"
consume, so the TS port of the generator can be tested on its own),
test/fixtures/dbscan_*.json (DBSCAN labels, core rows and k-distance curves;
schema in the DBSCAN section; `make_fixtures.py dbscan` writes only these),
test/fixtures/meaning.json (what the clusters mean: ANOVA, z-scores, row
diagnostics and the F distribution's tail; schema in the "meaning" section;
`make_fixtures.py meaning` writes only this file, reading its data and labels
from the committed fixtures above, and needs no pandas).

Dataset schema (keys snake_case)::

    name, description, sklearn_version, numpy_version, columns,
    X                      raw data n x d, row-major
    scaling                "standard" | "minmax" | "none" -> Xc used for clustering
    scalers.standard       mean, var, scale, Xt  (StandardScaler().fit(X))
    scalers.minmax         data_min, data_max, scale, min, Xt (MinMaxScaler())
    lloyd[]                case, k, tol, max_iter, init, labels, centers,
                           inertia, n_iter   (KMeans(init=array, n_init=1,
                           algorithm="lloyd"); lloyd[0] is always case "rows")
    metrics                labels (= lloyd[0].labels), silhouette_samples
                           (omitted when n > 6000), silhouette_score,
                           calinski_harabasz, davies_bouldin,
                           silhouette_sampled {sample_size, random_state,
                           score, indices}
    kmeanspp[]             k, n_init, random_state, labels, centers, inertia,
                           n_iter, first_init, first_init_indices
    random_init[]          k, n_init, random_state, labels, centers, inertia,
                           n_iter, first_init_indices
    elkan_equals_lloyd     bool (informational)
    pca                    components (2 x d), explained_variance,
                           explained_variance_ratio of PCA(n_components=2,
                           svd_solver="full") on Xc (signs from svd_flip)
"""

import os

# Must happen before numpy / scikit-learn are imported (see docstring).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
             "BLIS_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

try:
    import numpy as np
    import scipy
    from scipy import interpolate
    from scipy.signal import argrelextrema
    import sklearn
    from sklearn.cluster import DBSCAN, KMeans, kmeans_plusplus
    from sklearn.cluster._kmeans import _kmeans_plusplus
    from sklearn.datasets import load_iris, make_blobs, make_moons
    from sklearn.metrics import (
        calinski_harabasz_score,
        davies_bouldin_score,
        silhouette_samples,
        silhouette_score,
    )
    from sklearn.neighbors import NearestNeighbors
    from sklearn.preprocessing import MinMaxScaler, StandardScaler
    from sklearn.utils.extmath import row_norms
    # The "dbscan" and "meaning" modes need no pandas; the full run does (for
    # the tutorial's customer data), and says so then.
    try:
        import pandas as pd
    except ImportError:
        pd = None
except ImportError as exc:  # pragma: no cover
    sys.stderr.write(
        "error: could not import the scientific Python stack (%s).\n"
        "Install the Debian packages and run with the system interpreter:\n"
        "    apt-get install -y python3-sklearn python3-pandas\n"
        "    /usr/bin/python3 scripts/make_fixtures.py\n" % exc
    )
    sys.exit(1)

EXPECTED_SKLEARN = "1.2.1"

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO_ROOT, "test", "fixtures")

# silhouette_samples is only written for n <= this.
SILHOUETTE_SAMPLES_LIMIT = 6000
# Seed used to choose the explicit Lloyd starting rows.
LLOYD_INIT_SEED = 1234


# ---------------------------------------------------------------------------
# JSON helpers
# ---------------------------------------------------------------------------

def to_py(obj):
    """Recursively convert numpy containers/scalars to plain Python."""
    if isinstance(obj, dict):
        return {k: to_py(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_py(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_py(obj.tolist())
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        f = float(obj)
        if f != f or f in (float("inf"), float("-inf")):
            raise ValueError("non-finite float in fixture")
        return f
    return obj


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def matrix(a):
    a = np.asarray(a, dtype=np.float64)
    return [[float(v) for v in row] for row in a]


def ints(a):
    return [int(v) for v in np.asarray(a).ravel()]


def write_json(name, obj):
    path = os.path.join(OUT_DIR, name + ".json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(to_py(obj), f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    return path


# ---------------------------------------------------------------------------
# Datasets
# ---------------------------------------------------------------------------

def ds_iris():
    iris = load_iris()
    return dict(
        name="iris",
        description="load_iris().data (150x4), standard-scaled, k=3.",
        columns=list(iris.feature_names),
        X=np.asarray(iris.data, dtype=np.float64),
        scaling="standard",
        k=3,
        kmeanspp=[(3, 10, 42), (3, 10, 0)],
        random_init=[(3, 10, 42)],
        extra_lloyd=["empty_cluster"],
    )


def ds_three_blobs():
    # Exactly the seed tutorial's from-scratch example data.
    np.random.seed(42)
    X = np.vstack([
        np.random.randn(100, 2) + [2, 2],
        np.random.randn(100, 2) + [-2, -2],
        np.random.randn(100, 2) + [2, -2],
    ])
    return dict(
        name="three_blobs",
        description=("Seed tutorial's from-scratch example: np.random.seed(42); "
                     "vstack of randn(100,2)+[2,2], randn(100,2)+[-2,-2], "
                     "randn(100,2)+[2,-2] (300x2); unscaled, k=3."),
        columns=["x1", "x2"],
        X=X,
        scaling="none",
        k=3,
        kmeanspp=[(3, 10, 42)],
        random_init=[],
        extra_lloyd=["empty_cluster"],
    )


def ds_customers():
    # Exactly the seed tutorial's customer-segmentation data.
    np.random.seed(42)
    n_customers = 500
    data = pd.DataFrame({
        'annual_income': np.random.normal(60000, 20000, n_customers),
        'spending_score': np.random.randint(1, 100, n_customers),
        'age': np.random.randint(18, 70, n_customers),
        'purchase_frequency': np.random.poisson(10, n_customers)
    })
    return dict(
        name="customers",
        description=("Seed tutorial's customer-segmentation data: np.random.seed(42), "
                     "n_customers=500, annual_income~N(60000,20000), "
                     "spending_score=randint(1,100), age=randint(18,70), "
                     "purchase_frequency=poisson(10); StandardScaler, "
                     "KMeans(n_clusters=4, random_state=42, n_init=10)."),
        columns=list(data.columns),
        X=data.to_numpy(dtype=np.float64),
        scaling="standard",
        k=4,
        kmeanspp=[(4, 10, 42), (5, 10, 7)],
        random_init=[],
        extra_lloyd=["max_iter2"],
    )


def ds_moons():
    X, _ = make_moons(n_samples=300, noise=0.05, random_state=42)
    return dict(
        name="moons",
        description="make_moons(n_samples=300, noise=0.05, random_state=42); unscaled, k=2.",
        columns=["x1", "x2"],
        X=X,
        scaling="none",
        k=2,
        kmeanspp=[(2, 10, 42)],
        random_init=[],
        extra_lloyd=[],
    )


def ds_blobs_medium():
    X, _ = make_blobs(n_samples=5000, n_features=5, centers=6, cluster_std=2.5,
                      random_state=7)
    return dict(
        name="blobs_medium",
        description=("make_blobs(n_samples=5000, n_features=5, centers=6, "
                     "cluster_std=2.5, random_state=7); MinMaxScaler, k=6."),
        columns=["f%d" % i for i in range(5)],
        X=X,
        scaling="minmax",
        k=6,
        kmeanspp=[(6, 10, 42)],
        random_init=[(6, 10, 3)],
        extra_lloyd=[],
    )


def ds_blobs_overlap():
    X, _ = make_blobs(n_samples=10000, n_features=8, centers=8, cluster_std=3.0,
                      random_state=0)
    return dict(
        name="blobs_overlap",
        description=("make_blobs(n_samples=10000, n_features=8, centers=8, "
                     "cluster_std=3.0, random_state=0); unscaled, k=8. Overlapping "
                     "clusters: Lloyd needs many iterations (see n_iter, and the "
                     "tol=0 case). silhouette_samples omitted (n > 6000)."),
        columns=["f%d" % i for i in range(8)],
        X=X,
        scaling="none",
        k=8,
        kmeanspp=[(8, 3, 42)],
        random_init=[],
        extra_lloyd=["tol0"],
    )


def ds_constant_column():
    # Column 0 has two well separated groups.  Column 1 is 0.1 everywhere
    # except one value one ulp above 0.1: its variance (~1e-35) is below
    # scikit-learn's "indistinguishable from constant" bound, so
    # StandardScaler.scale_ is 1 for it; the float mean of eight 0.1's is not
    # exactly 0.1, so its standardised values are tiny non-zeros, not 0.
    # Column 2 is exactly constant (5.0): var 0, scale 1, Xt 0.
    tiny = float(np.nextafter(0.1, 1.0))
    X = np.array([
        [1.0, 0.1, 5.0],
        [1.5, 0.1, 5.0],
        [2.0, 0.1, 5.0],
        [1.2, 0.1, 5.0],
        [8.0, 0.1, 5.0],
        [8.5, 0.1, 5.0],
        [9.0, 0.1, 5.0],
        [8.7, tiny, 5.0],
    ], dtype=np.float64)
    return dict(
        name="constant_column",
        description=("Hand-made 8x3 set for zero/near-zero variance handling: col 2 "
                     "is constant 5.0; col 1 is 0.1 except one value 1 ulp above "
                     "(variance below sklearn's _is_constant_feature bound -> "
                     "StandardScaler scale 1; MinMaxScaler range < 10*eps -> "
                     "scale 1). standard-scaled, k=2."),
        columns=["a", "near_constant", "constant"],
        X=X,
        scaling="standard",
        k=2,
        kmeanspp=[(2, 10, 42)],
        random_init=[],
        extra_lloyd=[],
    )


DATASETS = [ds_iris, ds_three_blobs, ds_customers, ds_moons, ds_blobs_medium,
            ds_blobs_overlap, ds_constant_column]


# ---------------------------------------------------------------------------
# Independent numpy re-implementation of scikit-learn 1.2.1's dense Lloyd
# (_kmeans_single_lloyd + lloyd_iter_chunked_dense + _relocate_empty_clusters
# _dense).  It is only used to *verify* that the semantics documented for the
# TS engine really are what sklearn does; it does not produce fixture values.
# ---------------------------------------------------------------------------

def reference_lloyd(Xc, init, tol, max_iter):
    mean = Xc.mean(axis=0)
    X = Xc - mean                       # fit() centres the data first
    C = np.array(init, dtype=np.float64) - mean
    n, k = X.shape[0], C.shape[0]
    tol_abs = 0.0 if tol == 0 else float(np.mean(np.var(Xc, axis=0)) * tol)
    labels_old = np.full(n, -1)
    strict = False
    for it in range(max_iter):
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
        labels = np.argmin(d, axis=1)          # ties -> lowest index
        sums = np.zeros_like(C)
        counts = np.zeros(k)
        for i in range(n):                       # sequential, sample order
            sums[labels[i]] += X[i]
            counts[labels[i]] += 1.0
        empty = np.where(counts == 0)[0]
        if len(empty):
            dist = ((X - C[labels]) ** 2).sum(axis=1)
            far = np.argpartition(dist, -len(empty))[:-len(empty) - 1:-1]
            if dist.max() > 0:
                for e, f in zip(empty, far):
                    old = labels[f]              # labels are NOT updated
                    sums[old] -= X[f]
                    sums[e] = X[f]
                    counts[e] = 1.0
                    counts[old] -= 1.0
        newC = C.copy()
        for j in range(k):
            if counts[j] > 0:
                newC[j] = sums[j] * (1.0 / counts[j])
        shift = np.sqrt(((newC - C) ** 2).sum(axis=1))
        C = newC
        if np.array_equal(labels, labels_old):
            strict = True
            break
        if (shift ** 2).sum() <= tol_abs:
            break
        labels_old = labels
    if not strict:
        d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
        labels = np.argmin(d, axis=1)
    inertia = float(((X - C[labels]) ** 2).sum())
    return labels, C + mean, inertia, it + 1


def nearest_center(X, C):
    d = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
    return np.argmin(d, axis=1)


def check_labels_match_centers(X, labels, C, what):
    ok = np.array_equal(nearest_center(X, C), labels)
    assert ok, "%s: labels are not argmin distance to centres" % what


# ---------------------------------------------------------------------------
# Fixture construction
# ---------------------------------------------------------------------------

def scalers_block(X, scaling):
    ss = StandardScaler().fit(X)
    mm = MinMaxScaler().fit(X)
    Xt_std = ss.transform(X)
    Xt_mm = mm.transform(X)
    std = {"mean": floats(ss.mean_), "var": floats(ss.var_), "scale": floats(ss.scale_),
           "Xt": matrix(Xt_std)}
    mmx = {"data_min": floats(mm.data_min_), "data_max": floats(mm.data_max_),
           "scale": floats(mm.scale_), "min": floats(mm.min_), "Xt": matrix(Xt_mm)}
    if scaling == "standard":
        Xc = Xt_std
    elif scaling == "minmax":
        Xc = Xt_mm
    else:
        Xc = X.copy()
    return {"standard": std, "minmax": mmx}, np.ascontiguousarray(Xc, dtype=np.float64)


def run_lloyd(Xc, case, init, tol, max_iter):
    k = init.shape[0]
    km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=tol,
                max_iter=max_iter).fit(Xc)
    what = "lloyd/" + case
    check_labels_match_centers(Xc, km.labels_, km.cluster_centers_, what)
    assert np.array_equal(km.predict(Xc), km.labels_), what + ": predict != labels_"
    # Verify our understanding of sklearn's Lloyd loop.
    r_labels, r_centers, r_inertia, r_iter = reference_lloyd(Xc, init, tol, max_iter)
    assert np.array_equal(r_labels, km.labels_), what + ": reference labels differ"
    assert r_iter == km.n_iter_, "%s: reference n_iter %d != %d" % (what, r_iter, km.n_iter_)
    assert np.allclose(r_centers, km.cluster_centers_, rtol=1e-10, atol=1e-12), what
    assert abs(r_inertia - km.inertia_) <= 1e-9 * max(1.0, km.inertia_), what
    return km, {
        "case": case, "k": k, "tol": float(tol), "max_iter": int(max_iter),
        "init": matrix(init), "labels": ints(km.labels_),
        "centers": matrix(km.cluster_centers_), "inertia": float(km.inertia_),
        "n_iter": int(km.n_iter_),
    }


def lloyd_block(Xc, k, extras, notes):
    n = Xc.shape[0]
    idx = np.random.RandomState(LLOYD_INIT_SEED).choice(n, k, replace=False)
    init_rows = Xc[idx].copy()
    cases = []
    km0, rec0 = run_lloyd(Xc, "rows", init_rows, 1e-4, 300)
    cases.append(rec0)
    for extra in extras:
        if extra == "empty_cluster":
            init = init_rows.copy()
            init[-1] = Xc.max(axis=0) * 10 + 10
            first = nearest_center(Xc, init)
            assert not np.any(first == k - 1), "empty_cluster: last centre not empty on iteration 1"
            km, rec = run_lloyd(Xc, "empty_cluster", init, 1e-4, 300)
            assert len(set(km.labels_.tolist())) == k, "empty_cluster: relocation did not revive it"
            cases.append(rec)
        elif extra == "tol0":
            km, rec = run_lloyd(Xc, "tol0", init_rows, 0.0, 300)
            notes.append("tol0: n_iter %d vs %d with tol=1e-4" % (km.n_iter_, km0.n_iter_))
            cases.append(rec)
        elif extra == "max_iter2":
            km, rec = run_lloyd(Xc, "max_iter2", init_rows, 1e-4, 2)
            assert km.n_iter_ == 2 and km0.n_iter_ > 2, "max_iter2: run would converge anyway"
            cases.append(rec)
        else:
            raise ValueError(extra)
    # Elkan with lloyd[0]'s init (informational).
    ke = KMeans(n_clusters=k, init=init_rows, n_init=1, algorithm="elkan", tol=1e-4,
                max_iter=300).fit(Xc)
    elkan_same = bool(np.array_equal(ke.labels_, km0.labels_))
    notes.append("elkan: labels %s, n_iter %d vs lloyd %d, |d inertia| %.3g" % (
        "equal" if elkan_same else "DIFFER", ke.n_iter_, km0.n_iter_,
        abs(ke.inertia_ - km0.inertia_)))
    return cases, elkan_same


def metrics_block(Xc, labels):
    n = Xc.shape[0]
    m = {"labels": ints(labels)}
    if n <= SILHOUETTE_SAMPLES_LIMIT:
        m["silhouette_samples"] = floats(silhouette_samples(Xc, labels))
    m["silhouette_score"] = float(silhouette_score(Xc, labels))
    m["calinski_harabasz"] = float(calinski_harabasz_score(Xc, labels))
    m["davies_bouldin"] = float(davies_bouldin_score(Xc, labels))
    sample_size = min(100, n // 2)
    rs = 0
    indices = np.random.RandomState(rs).permutation(n)[:sample_size]
    m["silhouette_sampled"] = {
        "sample_size": sample_size, "random_state": rs,
        "score": float(silhouette_score(Xc, labels, sample_size=sample_size, random_state=rs)),
        "indices": ints(indices),
    }
    # The sampled score is the plain score of the sampled rows.
    assert m["silhouette_sampled"]["score"] == float(
        np.mean(silhouette_samples(Xc[indices], labels[indices])))
    return m


def kmeanspp_block(Xc, specs, notes):
    out = []
    mean = Xc.mean(axis=0)
    Xcent = Xc - mean
    for k, n_init, rs in specs:
        km = KMeans(n_clusters=k, init="k-means++", n_init=n_init, random_state=rs,
                    algorithm="lloyd").fit(Xc)
        check_labels_match_centers(Xc, km.labels_, km.cluster_centers_, "kmeanspp")
        # What fit() does for its first run: k-means++ on the mean-centred data
        # with a fresh RandomState(random_state).
        centers, indices = _kmeans_plusplus(
            Xcent, k, x_squared_norms=row_norms(Xcent, squared=True),
            random_state=np.random.RandomState(rs))
        first_init = centers + mean
        # Cross-check: a single k-means++ run == a run started from those rows.
        a = KMeans(n_clusters=k, init="k-means++", n_init=1, random_state=rs,
                   algorithm="lloyd").fit(Xc)
        b = KMeans(n_clusters=k, init=Xc[indices], n_init=1, algorithm="lloyd").fit(Xc)
        assert np.array_equal(a.labels_, b.labels_) and a.n_iter_ == b.n_iter_, \
            "first_init_indices do not reproduce fit()'s first run"
        # Informational: the public helper on the *uncentred* data.
        _, pub_idx = kmeans_plusplus(Xc, k, random_state=rs)
        if not np.array_equal(pub_idx, indices):
            notes.append("kmeans_plusplus(Xc) indices %s != centred %s (k=%d rs=%d)" % (
                pub_idx.tolist(), indices.tolist(), k, rs))
        out.append({
            "k": k, "n_init": n_init, "random_state": rs,
            "labels": ints(km.labels_), "centers": matrix(km.cluster_centers_),
            "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
            "first_init": matrix(first_init), "first_init_indices": ints(indices),
        })
    return out


def random_init_block(Xc, specs):
    out = []
    n = Xc.shape[0]
    for k, n_init, rs in specs:
        km = KMeans(n_clusters=k, init="random", n_init=n_init, random_state=rs,
                    algorithm="lloyd").fit(Xc)
        check_labels_match_centers(Xc, km.labels_, km.cluster_centers_, "random_init")
        idx = np.random.RandomState(rs).permutation(n)[:k]
        a = KMeans(n_clusters=k, init="random", n_init=1, random_state=rs,
                   algorithm="lloyd").fit(Xc)
        b = KMeans(n_clusters=k, init=Xc[idx], n_init=1, algorithm="lloyd").fit(Xc)
        assert np.array_equal(a.labels_, b.labels_), "random init indices mismatch"
        out.append({
            "k": k, "n_init": n_init, "random_state": rs,
            "labels": ints(km.labels_), "centers": matrix(km.cluster_centers_),
            "inertia": float(km.inertia_), "n_iter": int(km.n_iter_),
            "first_init_indices": ints(idx),
        })
    return out


def pca_block(Xc):
    from sklearn.decomposition import PCA
    p = PCA(n_components=2, svd_solver="full").fit(Xc)
    return {
        "components": matrix(p.components_),
        "explained_variance": floats(p.explained_variance_),
        "explained_variance_ratio": floats(p.explained_variance_ratio_),
    }


def build_dataset(spec):
    X = np.ascontiguousarray(spec["X"], dtype=np.float64)
    notes = []
    scalers, Xc = scalers_block(X, spec["scaling"])
    lloyd, elkan_same = lloyd_block(Xc, spec["k"], spec["extra_lloyd"], notes)
    labels0 = np.array(lloyd[0]["labels"])
    fixture = {
        "name": spec["name"],
        "description": spec["description"],
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "columns": spec["columns"],
        "X": matrix(X),
        "scaling": spec["scaling"],
        "scalers": scalers,
        "lloyd": lloyd,
        "metrics": metrics_block(Xc, labels0),
        "kmeanspp": kmeanspp_block(Xc, spec["kmeanspp"], notes),
        "random_init": random_init_block(Xc, spec["random_init"]),
        "elkan_equals_lloyd": elkan_same,
        "pca": pca_block(Xc),
    }
    return fixture, Xc, notes


# ---------------------------------------------------------------------------
# Kneedle reference
# ---------------------------------------------------------------------------
#
# This is a line-by-line port of kneed.KneeLocator (kneed 0.8.x) for
# curve="convex", direction="decreasing", S=1.0, online=False,
# interp_method="interp1d".  The TypeScript side should mirror it exactly:
#
#  1. Ds_y = interp1d(x, y)(x).  For 1-D y scipy evaluates this with np.interp,
#     which returns y unchanged at the nodes, so Ds_y == y (asserted below).
#  2. Normalise: x_n = (x - min x) / (max x - min x);
#                y_n = (Ds_y - min y) / (max y - min y).
#  3. Convex + decreasing ("elbow") is turned into a concave increasing knee by
#     y_t = max(y_n) - y_n  (max(y_n) is exactly 1.0).  NO flip of the array
#     order for this combination (kneed flips only for concave-decreasing and
#     convex-increasing).
#  4. Difference curve D[i] = y_t[i] - x_n[i].
#  5. Local maxima: indices i with D[i] >= D[i-1] and D[i] >= D[i+1]
#     (scipy.signal.argrelextrema(D, np.greater_equal), order=1, mode="clip":
#     at the two ends the missing neighbour is the point itself, so an end
#     point is a maximum when it is >= its single neighbour; plateaus give
#     several maxima).  Local minima likewise with <=.
#  6. Thresholds, one per local maximum m (in index order):
#     T[m] = D[m] - S * |mean(diff(x_n))|   (mean of the n-1 consecutive gaps).
#  7. If there is no local maximum -> knee = null.  Otherwise walk
#     i = first_max .. n-2 (stop when i is the last index):
#       - if i is a local maximum: threshold = T[that maximum]; threshold_index = i
#         (maxima are consumed in order);
#       - then, if i is a local minimum (a point can be both): threshold = 0.0;
#       - if D[i+1] < threshold: knee = x[threshold_index],
#         norm_knee = x_n[threshold_index]; return (offline mode returns the
#         first knee found).
#     If the walk ends without that happening -> knee = null ("No knee/elbow
#     found").
#
# The S*mean(diff(x_n)) term equals 1/(n-1) up to rounding for evenly spaced
# x; numpy's mean uses an 8-way unrolled summation so the last bit can differ
# from a plain loop, which only matters if D[i+1] ties the threshold exactly.

def kneedle(x, y, S=1.0):
    x_in = list(x)                  # knee is reported in the caller's type (int k)
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    Ds_y = interpolate.interp1d(x, y)(x)
    assert np.array_equal(Ds_y, y), "interp1d changed y at the nodes"

    def normalize(a):
        return (a - min(a)) / (max(a) - min(a))

    x_n = normalize(x)
    y_n = normalize(Ds_y)
    y_n = y_n.max() - y_n                      # convex + decreasing
    D = y_n - x_n
    maxima = argrelextrema(D, np.greater_equal)[0]
    minima = argrelextrema(D, np.less_equal)[0]
    Tmx = D[maxima] - (S * np.abs(np.diff(x_n).mean()))
    dbg = {"x_normalized": floats(x_n), "y_difference": floats(D),
           "maxima_indices": ints(maxima), "minima_indices": ints(minima),
           "thresholds": floats(Tmx)}
    if not maxima.size:
        return None, None, dbg
    maxima_threshold_index = 0
    threshold = None
    threshold_index = None
    for i in range(len(x_n)):
        if i < maxima[0]:
            continue
        j = i + 1
        if i == len(x_n) - 1:
            break
        if (maxima == i).any():
            threshold = Tmx[maxima_threshold_index]
            threshold_index = i
            maxima_threshold_index += 1
        if (minima == i).any():
            threshold = 0.0
        if D[j] < threshold:
            return x_in[threshold_index], float(x_n[threshold_index]), dbg
    return None, None, dbg


def kneedle_fixture(iris_Xc, customers_Xc):
    def inertia_curve(Xc):
        ks = list(range(1, 11))
        ys = [float(KMeans(n_clusters=k, n_init=10, random_state=42,
                           algorithm="lloyd").fit(Xc).inertia_) for k in ks]
        return ks, ys

    xs = list(range(1, 11))
    curves = []
    ix, iy = inertia_curve(iris_Xc)
    curves.append(("iris_inertia", "KMeans(n_clusters=k, n_init=10, random_state=42) "
                   "inertia on standard-scaled iris, k=1..10", ix, iy))
    cx, cy = inertia_curve(customers_Xc)
    curves.append(("customers_inertia", "Same on the standard-scaled tutorial "
                   "customers data, k=1..10", cx, cy))
    curves.append(("reciprocal", "y = 1/x, x = 1..10", xs, [1.0 / v for v in xs]))
    curves.append(("straight_line", "y = 10 - x, x = 1..10: no knee", xs,
                   [10.0 - v for v in xs]))
    two = [100.0, 59.0, 38.0, 30.0, 21.0, 3.5, 2.3, 2.2, 1.1, 0.0]
    curves.append(("two_maxima", "Hand-made decreasing curve whose difference curve "
                   "has local maxima at x=3 and x=6. After the first one D dips to a "
                   "local minimum (x=5) without falling below that maximum's "
                   "threshold; the minimum sets threshold=0, the second maximum "
                   "sets a new threshold and D falls below it -> knee x=6.",
                   xs, two))

    out = []
    for name, desc, x, y in curves:
        knee, norm_knee, dbg = kneedle(x, y)
        if name == "straight_line":
            assert knee is None, "straight line should have no knee"
        if name == "two_maxima":
            assert dbg["maxima_indices"] == [2, 5] and knee == 6, "two_maxima: unexpected"
        rec = {"name": name, "description": desc, "x": x, "y": floats(y),
               "knee": knee, "norm_knee": norm_knee}
        rec.update(dbg)
        out.append(rec)
    return {
        "algorithm": ("Kneedle (Satopaa et al. 2011) exactly as kneed.KneeLocator "
                      "(0.8.x) with curve='convex', direction='decreasing', S=1.0, "
                      "online=False, interp_method='interp1d': x_n, y_n min-max "
                      "normalised; y_t = max(y_n) - y_n; D = y_t - x_n; local maxima/"
                      "minima of D by argrelextrema(>=/<=, order 1, clip ends); "
                      "T_m = D[m] - S*|mean(diff(x_n))|; walk from the first maximum "
                      "to n-2: at a maximum set threshold=T_m and remember it, at a "
                      "minimum set threshold=0; first i with D[i+1] < threshold gives "
                      "knee = x[remembered maximum]; otherwise null. See "
                      "scripts/make_fixtures.py for the step-by-step comment."),
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "curves": out,
    }


# ---------------------------------------------------------------------------
# numpy legacy RandomState (MT19937) streams
# ---------------------------------------------------------------------------
# Pure-Python model of what k-means++ / init="random" / silhouette sampling
# consume.  Asserted against numpy below, so the documented recipe is exact.

class MT19937:
    def __init__(self, seed):
        self.mt = [0] * 624
        self.mt[0] = seed & 0xFFFFFFFF
        for i in range(1, 624):
            prev = self.mt[i - 1]
            self.mt[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF
        self.idx = 624

    def next_u32(self):
        if self.idx >= 624:
            mt = self.mt
            for i in range(624):
                y = (mt[i] & 0x80000000) | (mt[(i + 1) % 624] & 0x7FFFFFFF)
                v = mt[(i + 397) % 624] ^ (y >> 1)
                if y & 1:
                    v ^= 0x9908B0DF
                mt[i] = v
            self.idx = 0
        y = self.mt[self.idx]
        self.idx += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        y ^= y >> 18
        return y & 0xFFFFFFFF

    def random_sample(self):          # RandomState.random_sample / uniform()
        a = self.next_u32() >> 5
        b = self.next_u32() >> 6
        return (a * 67108864.0 + b) / 9007199254740992.0

    def bounded(self, max_):          # value in [0, max_], masked rejection
        if max_ == 0:
            return 0
        mask = max_
        for s in (1, 2, 4, 8, 16):
            mask |= mask >> s
        while True:
            v = self.next_u32() & mask
            if v <= max_:
                return v

    def randint(self, n):             # RandomState.randint(n), n < 2**32
        return self.bounded(n - 1)

    def permutation(self, n):         # RandomState.permutation(n)
        a = list(range(n))
        for i in range(n - 1, 0, -1):
            j = self.bounded(i)
            a[i], a[j] = a[j], a[i]
        return a


def rng_fixture():
    streams = []
    for seed in (0, 42, 1234, 5489):
        rs = np.random.RandomState(seed)
        u32 = rs.randint(0, 2 ** 32, size=8, dtype=np.uint64).tolist()
        m = MT19937(seed)
        assert u32 == [m.next_u32() for _ in range(8)], "MT19937 model"
        doubles = np.random.RandomState(seed).random_sample(6).tolist()
        m = MT19937(seed)
        assert doubles == [m.random_sample() for _ in range(6)], "random_sample model"
        rs = np.random.RandomState(seed)
        randints = [int(rs.randint(n)) for n in (150, 300, 500, 5000, 10000, 7)]
        m = MT19937(seed)
        assert randints == [m.randint(n) for n in (150, 300, 500, 5000, 10000, 7)], "randint"
        perm = np.random.RandomState(seed).permutation(20).tolist()
        assert perm == MT19937(seed).permutation(20), "permutation model"
        choice = np.random.RandomState(seed).choice(150, 3, replace=False).tolist()
        assert choice == MT19937(seed).permutation(150)[:3], "choice == permutation[:k]"
        streams.append({"seed": seed, "uint32": u32, "random_sample": doubles,
                        "randint_n": [150, 300, 500, 5000, 10000, 7],
                        "randint": randints, "permutation_20": perm})
    return {
        "description": ("numpy legacy RandomState(seed) (MT19937, init_genrand(seed)). "
                        "uint32: raw genrand_int32 outputs. random_sample: "
                        "(a>>5)*2^26+(b>>6) over 2^53 from two uint32. randint(n): "
                        "r=n-1, mask=smallest 2^m-1>=r, draw uint32&mask until <=r "
                        "(one independent randint(n) per listed n, same stream). "
                        "permutation(n): a=0..n-1; for i=n-1..1: j=bounded(i) (same "
                        "masked rejection), swap a[i],a[j]. choice(n,k,replace=False) "
                        "== permutation(n)[:k]. uniform(size=m) == m random_sample()."),
        "numpy_version": np.__version__,
        "streams": streams,
    }



# ---------------------------------------------------------------------------
# DBSCAN fixtures (test/fixtures/dbscan_*.json)
# ---------------------------------------------------------------------------
#
# Schema: name, description, sklearn_version, numpy_version, X, scaling,
# eps, min_samples, labels_, core_sample_indices_, n_clusters, n_noise,
# k_distance (sorted last column of NearestNeighbors(n_neighbors=min_samples)
# .kneighbors(X) distances: the distance to the min_samples-th neighbour
# counting the row itself) and neighbour_counts (len of every
# radius_neighbors(X) neighbourhood, i.e. what min_samples is compared with).
# X is the matrix DBSCAN was fitted on (already scaled where scaling says so).
#
# Facts checked here, which the TypeScript engine relies on:
#  * labels_ do not depend on the order radius_neighbors lists a neighbourhood
#    in (kd_tree, ball_tree and brute list them differently): every algorithm
#    gives the same labels on these sets.
#  * They equal the rule "clusters are the connected components of core rows
#    (rows with >= min_samples neighbours, themselves included, at distance
#    <= eps), numbered by their smallest row index; a non-core row with a core
#    neighbour takes the smallest number among its core neighbours' clusters;
#    everything else is -1" (dbscan_rule_labels below).
#  * On the ties set (integer points, distances exactly eps) the neighbour
#    counts equal an exact integer count of squared distances <= eps**2.
# All sets have >= 12 rows, so NearestNeighbors' algorithm="auto" picks the
# k-d tree, whose leaves compare the squared distance summed in column order.

def dbscan_rule_labels(neighbourhoods, is_core):
    n = len(is_core)
    comp = np.full(n, -1)
    n_clusters = 0
    for i in range(n):
        if not is_core[i] or comp[i] >= 0:
            continue
        comp[i] = n_clusters
        todo = [i]
        while todo:
            p = todo.pop()
            for q in neighbourhoods[p]:
                if is_core[q] and comp[q] < 0:
                    comp[q] = n_clusters
                    todo.append(q)
        n_clusters += 1
    labels = comp.copy()
    for i in range(n):
        if not is_core[i]:
            near = [comp[q] for q in neighbourhoods[i] if is_core[q]]
            labels[i] = min(near) if near else -1
    return labels


def dbscan_ties_data():
    """Integer points whose neighbours are exactly eps = 1 apart (squares and
    differences exact in float64, so every algorithm agrees at the tie)."""
    pts = []
    pts += [(x, y) for x in range(0, 3) for y in range(0, 3)]   # block A
    pts += [(x, y) for x in range(4, 7) for y in range(0, 3)]   # block C
    pts += [(3, 1)]          # exactly 1 from a core row of A and one of C: border of both
    pts += [(20, 20)] * 4    # four duplicates: distance 0, a cluster of their own
    pts += [(-1, -1)]        # sqrt(2) from A's corner: noise
    pts += [(1, -1)]         # exactly 1 from A's bottom middle (core): border
    pts += [(-1, 0)]         # exactly 1 from A's corner (0, 0), whose 4th neighbour it is: core only at the tie
    pts += [(10, 0), (11, 0), (12, 0), (13, 0)]  # a line: no row has 4 neighbours
    pts += [(10, 1)]         # exactly 1 from a line row, which is not core: noise
    X = np.array(pts, dtype=np.float64)
    return X[np.random.RandomState(3).permutation(len(X))]


def dbscan_fixtures():
    Xm, _ = make_moons(n_samples=300, noise=0.05, random_state=42)
    Xb, _ = make_blobs(n_samples=400, centers=4, cluster_std=0.6, random_state=0)
    noise = np.random.RandomState(1).uniform(Xb.min(axis=0), Xb.max(axis=0), size=(60, 2))
    iris = StandardScaler().fit_transform(load_iris().data)
    sets = [
        ("dbscan_moons", Xm, "none", 0.3, 5,
         "Seed tutorial's DBSCAN example: make_moons(n_samples=300, noise=0.05, "
         "random_state=42), unscaled, DBSCAN(eps=0.3, min_samples=5)."),
        ("dbscan_blobs_noise", np.vstack([Xb, noise]), "none", 0.5, 5,
         "make_blobs(n_samples=400, centers=4, cluster_std=0.6, random_state=0) "
         "then 60 rows RandomState(1).uniform over the blobs' bounding box; "
         "DBSCAN(eps=0.5, min_samples=5)."),
        ("dbscan_iris", iris, "standard", 0.6, 4,
         "load_iris().data, StandardScaler; DBSCAN(eps=0.6, min_samples=4)."),
        ("dbscan_ties", dbscan_ties_data(), "none", 1.0, 4,
         "Hand-made integer points (two 3x3 blocks 2 apart with a bridge row "
         "exactly 1 from a core row of each, four duplicates, a row whose tie at "
         "exactly 1 makes a corner core, rows exactly 1 from core and non-core "
         "rows, a row sqrt(2) away, a line), shuffled with RandomState(3); "
         "DBSCAN(eps=1.0, min_samples=4)."),
    ]
    out = []
    for name, X, scaling, eps, ms, desc in sets:
        X = np.ascontiguousarray(X, dtype=np.float64)
        assert X.shape[0] >= 12, name + ": needs the k-d tree (>= 12 rows)"
        model = DBSCAN(eps=eps, min_samples=ms).fit(X)
        labels = model.labels_
        for algorithm in ("kd_tree", "ball_tree", "brute"):
            other = DBSCAN(eps=eps, min_samples=ms, algorithm=algorithm).fit(X)
            assert np.array_equal(other.labels_, labels), name + ": labels depend on " + algorithm
        hoods = NearestNeighbors(radius=eps).fit(X).radius_neighbors(X, return_distance=False)
        counts = np.array([len(h) for h in hoods])
        is_core = counts >= ms
        assert np.array_equal(np.where(is_core)[0], model.core_sample_indices_)
        assert np.array_equal(dbscan_rule_labels(hoods, is_core), labels), name + ": rule"
        if name == "dbscan_ties":
            d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
            assert np.array_equal((d2 <= eps * eps).sum(axis=1), counts), "ties: <= eps"
            assert (d2 == eps * eps).any(), "ties: no pair exactly eps apart"
        kdist = NearestNeighbors(n_neighbors=ms).fit(X).kneighbors(X)[0][:, -1]
        fixture = {
            "name": name,
            "description": desc,
            "sklearn_version": sklearn.__version__,
            "numpy_version": np.__version__,
            "X": matrix(X),
            "scaling": scaling,
            "eps": float(eps),
            "min_samples": int(ms),
            "labels_": ints(labels),
            "core_sample_indices_": ints(model.core_sample_indices_),
            "n_clusters": int(labels.max() + 1),
            "n_noise": int((labels == -1).sum()),
            "neighbour_counts": ints(counts),
            "k_distance": floats(np.sort(kdist)),
        }
        write_json(name, fixture)
        verify_dbscan_roundtrip(name, fixture)
        out.append(fixture)
    return out


def verify_dbscan_roundtrip(name, obj):
    with open(os.path.join(OUT_DIR, name + ".json"), encoding="utf-8") as f:
        back = json.load(f)
    assert back == to_py(obj), name + ": JSON round trip changed values"
    n = len(back["X"])
    assert len(back["labels_"]) == n and len(back["k_distance"]) == n


def describe_dbscan(obj):
    size = os.path.getsize(os.path.join(OUT_DIR, obj["name"] + ".json"))
    core = len(obj["core_sample_indices_"])
    border = sum(1 for v in obj["labels_"] if v >= 0) - core
    print("%-23s %7d B  %dx%d  eps=%g min_samples=%d  clusters=%d core=%d border=%d noise=%d"
          % (obj["name"] + ".json", size, len(obj["X"]), len(obj["X"][0]), obj["eps"],
             obj["min_samples"], obj["n_clusters"], core, border, obj["n_noise"]))

# ---------------------------------------------------------------------------
# "Meaning" fixtures (test/fixtures/meaning.json)
# ---------------------------------------------------------------------------
#
# What the clusters mean, for src/engine/metrics/{anova,zScores,diagnostics}.ts
# and src/engine/core/special.ts.  The data and labels are read from the
# committed fixtures (not regenerated), so this mode needs no pandas and its
# labels are exactly the ones the other tests use.
#
# Non-finite numbers (scipy's inf / nan for degenerate columns) are written as
# the strings "Infinity", "-Infinity" and "NaN"; every other number is a plain
# JSON float.  Schema::
#
#   sklearn_version, scipy_version, numpy_version, notes[]
#   cases[]   name, source ("<fixture>.json <where the labels come from>"),
#             description, k, n, d, X (only for hand-made cases; otherwise the
#             tests take the clustering input of the source fixture),
#             labels (only when not the source's), centers (k x d, the centres
#             the distances are measured to: sklearn's cluster_centers_, or the
#             clusters' means for DBSCAN), sizes[k],
#             f_classif {f, p}      sklearn.feature_selection.f_classif(Xc, y)
#             f_oneway  {f, p}      scipy.stats.f_oneway(*groups) per column
#             eta_squared[d]        between SS / total SS, two-pass, numpy
#             z_scores (k x d)      (cluster mean - mean) / std(ddof=0)
#             diagnostics {rows (the row indices recorded: all rows when
#                          n <= 600, else every 25th), distance (numpy, direct
#                          differences), transform_distance (KMeans.transform
#                          (X)[i, label], sklearn's dot-product formula),
#                          runner_up, margin, fence[k] (Q3 + 1.5 IQR of each
#                          cluster's distances, numpy.percentile "linear"),
#                          outliers (every flagged row index, all rows),
#                          max_transform_rel_diff (informational)}
#             Rows labelled -1 (DBSCAN noise) are left out of all of it; their
#             distance etc. are not recorded.
#   fdtrc[]   {dfn, dfd, f, p = scipy.special.fdtrc(dfn, dfd, f)}
#   betainc[] {a, b, x, value = scipy.special.betainc(a, b, x)}
#   gammaln[] {x, value = scipy.special.gammaln(x)}

MEANING_STRIDE_LIMIT = 600
MEANING_STRIDE = 25


def json_number(v):
    v = float(v)
    if v != v:
        return "NaN"
    if v == float("inf"):
        return "Infinity"
    if v == float("-inf"):
        return "-Infinity"
    return v


def json_numbers(a):
    return [json_number(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def load_fixture_json(name):
    with open(os.path.join(OUT_DIR, name + ".json"), encoding="utf-8") as f:
        return json.load(f)


def fixture_input(fx):
    """The matrix the fixture's clustering ran on (as test/engine/fixtures.ts' clusteringInput)."""
    if "scalers" in fx and fx["scaling"] != "none":
        return np.asarray(fx["scalers"][fx["scaling"]]["Xt"], dtype=np.float64)
    return np.asarray(fx["X"], dtype=np.float64)


def meaning_case(name, source, description, Xc, labels, k, centers, hand_made=False):
    from scipy import stats
    from sklearn.feature_selection import f_classif

    labels = np.asarray(labels, dtype=np.int64)
    keep = labels >= 0
    Xk, yk = Xc[keep], labels[keep]
    n, d = Xc.shape
    present = np.unique(yk)
    with warnings.catch_warnings():
        # Degenerate columns: numpy's divide warnings, scipy's constant-input
        # warnings.  Their values are what is recorded.
        warnings.simplefilter("ignore")
        fc_f, fc_p = f_classif(Xk, yk)
        ow_f = np.empty(d)
        ow_p = np.empty(d)
        for j in range(d):
            r = stats.f_oneway(*[Xk[yk == c, j] for c in present])
            ow_f[j], ow_p[j] = r.statistic, r.pvalue
        mean = Xk.mean(axis=0)
        means = np.array([Xk[yk == c].mean(axis=0) for c in range(k)])
        sizes = np.array([(yk == c).sum() for c in range(k)])
        within = sum(((Xk[yk == c] - means[c]) ** 2).sum(axis=0) for c in present)
        between = sum(sizes[c] * (means[c] - mean) ** 2 for c in present)
        total = between + within
        eta = np.where(total > 0, between / np.where(total > 0, total, 1.0), np.nan)
        sd = Xk.std(axis=0)
        z = np.where(sd > 0, (means - mean) / np.where(sd > 0, sd, 1.0), 0.0)
    C = np.asarray(centers, dtype=np.float64)
    # Direct differences, as the engine sums them, and sklearn's transform.
    dist_all = np.sqrt(((Xc[:, None, :] - C[None, :, :]) ** 2).sum(axis=2))
    km = KMeans(n_clusters=k, n_init=1)
    km.cluster_centers_ = C
    km.n_features_in_ = d
    km._n_features_out = k
    tr_all = km.transform(Xc)
    idx = np.where(keep)[0]
    own = dist_all[idx, labels[idx]]
    tr_own = tr_all[idx, labels[idx]]
    others = dist_all[idx].copy()
    others[np.arange(len(idx)), labels[idx]] = np.inf
    runner = np.argmin(others, axis=1)          # ties -> lowest index
    margin = others[np.arange(len(idx)), runner] - own
    fence = np.full(k, np.nan)
    for c in range(k):
        dc = own[labels[idx] == c]
        if len(dc):
            q1, q3 = np.percentile(dc, [25, 75])
            fence[c] = q3 + 1.5 * (q3 - q1)
    flagged = idx[own > fence[labels[idx]]]
    tr_flagged = idx[tr_own > fence[labels[idx]]]
    rows = idx if n <= MEANING_STRIDE_LIMIT else idx[idx % MEANING_STRIDE == 0]
    pos = np.searchsorted(idx, rows)
    rel = np.abs(tr_own - own) / np.maximum(own, 1e-300)
    case = {
        "name": name,
        "source": source,
        "description": description,
        "k": int(k),
        "n": int(n),
        "d": int(d),
        "centers": matrix(C),
        "sizes": ints(sizes),
        "f_classif": {"f": json_numbers(fc_f), "p": json_numbers(fc_p)},
        "f_oneway": {"f": json_numbers(ow_f), "p": json_numbers(ow_p)},
        "eta_squared": json_numbers(eta),
        "z_scores": [json_numbers(r) for r in z],
        "diagnostics": {
            "rows": ints(rows),
            "distance": floats(own[pos]),
            "transform_distance": floats(tr_own[pos]),
            "runner_up": ints(runner[pos]) if k > 1 else [-1] * len(rows),
            "margin": floats(margin[pos]) if k > 1 else ["NaN"] * len(rows),
            "fence": json_numbers(fence),
            "outliers": ints(flagged),
            "outliers_by_transform_equal": bool(np.array_equal(flagged, tr_flagged)),
            "max_transform_rel_diff": float(rel.max()),
        },
    }
    if hand_made:
        case["X"] = matrix(Xc)
        case["labels"] = ints(labels)
    return case


def hand_made_degenerate():
    """Nine rows, three clusters: column 0 ordinary, column 1 constant (4.0),
    column 2 constant within each cluster but not between them."""
    X = np.array([
        [1.0, 4.0, 10.0],
        [2.0, 4.0, 10.0],
        [1.5, 4.0, 10.0],
        [5.0, 4.0, 20.0],
        [6.5, 4.0, 20.0],
        [5.5, 4.0, 20.0],
        [9.0, 4.0, 30.0],
        [8.0, 4.0, 30.0],
        [9.5, 4.0, 30.0],
    ])
    labels = np.array([0, 0, 0, 1, 1, 1, 2, 2, 2])
    centers = np.array([X[labels == c].mean(axis=0) for c in range(3)])
    return X, labels, centers


def fdtrc_grid():
    from scipy import optimize, special

    pairs = [(1, 1), (1, 2), (2, 1), (1, 3), (3, 5), (2, 2), (2, 147), (3, 296),
             (4, 9992), (7, 9992), (1, 20000), (20000, 1), (2, 20000), (20000, 2),
             (20000, 20000), (11, 7), (100, 100), (1000, 30), (5, 3), (2.5, 7.5),
             (0.5, 0.5)]
    targets = [1e-300, 1e-200, 1e-100, 1e-50, 1e-20, 1e-8, 1e-3, 0.05, 0.3, 0.5,
               0.9, 0.999, 1 - 1e-8]
    out = []
    for dfn, dfd in pairs:
        for t in targets:
            def g(lf, dfn=dfn, dfd=dfd, t=t):
                with np.errstate(divide="ignore"):
                    return np.log(special.fdtrc(dfn, dfd, np.exp(lf))) - np.log(t)
            lo, hi = -700.0, 709.0
            if not (g(lo) > 0 and g(hi) < 0):
                continue          # p = t is not reachable within float64's F range
            lf = optimize.brentq(g, lo, hi, xtol=1e-14, rtol=1e-15, maxiter=500)
            f = float(np.exp(lf))
            p = float(special.fdtrc(dfn, dfd, f))
            if not (p > 1e-305):
                continue
            out.append({"dfn": float(dfn), "dfd": float(dfd), "f": f, "p": p})
    # Exact small cases: F(1, 1) and F(2, 2) have closed forms (2/pi atan(1/sqrt f), 1/(1+f)).
    for dfn, dfd, f in [(1, 1, 1.0), (2, 2, 1.0), (2, 2, 3.0), (1, 1, 1e-10), (2, 2, 1e300)]:
        out.append({"dfn": float(dfn), "dfd": float(dfd), "f": float(f),
                    "p": float(special.fdtrc(dfn, dfd, f))})
    return out


def betainc_values():
    from scipy import special

    cases = [(0.5, 0.5, 0.5), (1.0, 1.0, 0.3), (2.0, 3.0, 0.4), (5.0, 0.5, 0.9),
             (0.5, 5.0, 0.01), (10.0, 10.0, 0.5), (73.5, 1.0, 0.2), (148.0, 1.5, 0.05),
             (1000.0, 1000.0, 0.48), (10000.0, 0.5, 0.999), (0.1, 0.1, 0.999),
             (30.0, 2.0, 1e-5)]
    return [{"a": a, "b": b, "x": x, "value": float(special.betainc(a, b, x))}
            for a, b, x in cases]


def gammaln_values():
    from scipy import special

    xs = [1e-8, 0.001, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 7.5, 10.0, 14.9, 15.0,
          15.1, 73.5, 100.5, 1000.0, 10000.0, 1e5, 1e7]
    return [{"x": x, "value": float(special.gammaln(x))} for x in xs]


def meaning_fixture():
    cases = []
    for name, ds in [("iris", "iris"), ("customers", "customers"),
                     ("three_blobs", "three_blobs"), ("blobs_overlap", "blobs_overlap")]:
        fx = load_fixture_json(ds)
        pp = fx["kmeanspp"][0]
        cases.append(meaning_case(
            name, "%s.json kmeanspp[0]" % ds,
            "%s: k-means++ labels and centres (k=%d, n_init=%d, random_state=%d) on the %s "
            "clustering input." % (ds, pp["k"], pp["n_init"], pp["random_state"], fx["scaling"]),
            fixture_input(fx), pp["labels"], pp["k"], pp["centers"]))
    fx = load_fixture_json("dbscan_moons")
    y = np.asarray(fx["labels_"])
    Xm = np.asarray(fx["X"], dtype=np.float64)
    k = int(y.max() + 1)
    means = np.array([Xm[y == c].mean(axis=0) for c in range(k)])
    cases.append(meaning_case(
        "dbscan_moons", "dbscan_moons.json labels_",
        "The tutorial's moons with DBSCAN(eps=0.3, min_samples=5)'s labels; noise (-1) left "
        "out; distances to the clusters' means.", Xm, y, k, means))
    fx = load_fixture_json("dbscan_blobs_noise")
    y = np.asarray(fx["labels_"])
    Xb = np.asarray(fx["X"], dtype=np.float64)
    k = int(y.max() + 1)
    means = np.array([Xb[y == c].mean(axis=0) for c in range(k)])
    cases.append(meaning_case(
        "dbscan_blobs_noise", "dbscan_blobs_noise.json labels_",
        "Four blobs and 60 uniform rows with DBSCAN(eps=0.5, min_samples=5)'s labels: %d "
        "noise rows (-1) left out; distances to the clusters' means." % int((y == -1).sum()),
        Xb, y, k, means))
    fx = load_fixture_json("constant_column")
    pp = fx["kmeanspp"][0]
    cases.append(meaning_case(
        "constant_column", "constant_column.json kmeanspp[0]",
        "8x3, standard-scaled: column 1 varies by one ulp before scaling, column 2 is "
        "constant (0 after scaling).", fixture_input(fx), pp["labels"], pp["k"], pp["centers"]))
    X, labels, centers = hand_made_degenerate()
    cases.append(meaning_case(
        "degenerate", "hand-made",
        "9x3, three clusters of 3: column 0 ordinary, column 1 constant, column 2 "
        "constant within each cluster (10, 20, 30).", X, labels, 3, centers, hand_made=True))
    deg = cases[-1]
    notes = [
        "degenerate column 1 (constant): f_classif F=%s p=%s, f_oneway F=%s p=%s, eta_squared %s."
        % (deg["f_classif"]["f"][1], deg["f_classif"]["p"][1], deg["f_oneway"]["f"][1],
           deg["f_oneway"]["p"][1], deg["eta_squared"][1]),
        "degenerate column 2 (constant within clusters): f_classif F=%s p=%s, f_oneway F=%s p=%s, "
        "eta_squared %s." % (deg["f_classif"]["f"][2], deg["f_classif"]["p"][2],
                             deg["f_oneway"]["f"][2], deg["f_oneway"]["p"][2], deg["eta_squared"][2]),
    ]
    for c in cases:
        a, b = c["f_classif"], c["f_oneway"]
        worst = 0.0
        for key in ("f", "p"):
            for u, v in zip(a[key], b[key]):
                if isinstance(u, float) and isinstance(v, float) and v != 0:
                    worst = max(worst, abs(u - v) / abs(v))
        c["f_classif_vs_f_oneway_max_rel_diff"] = worst
    obj = {
        "sklearn_version": sklearn.__version__,
        "scipy_version": scipy.__version__,
        "numpy_version": np.__version__,
        "notes": notes,
        "cases": cases,
        "fdtrc": fdtrc_grid(),
        "betainc": betainc_values(),
        "gammaln": gammaln_values(),
    }
    path = os.path.join(OUT_DIR, "meaning.json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(obj, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    with open(path, encoding="utf-8") as f:
        assert json.load(f) == obj, "meaning: JSON round trip changed values"
    return obj


def describe_meaning(obj):
    size = os.path.getsize(os.path.join(OUT_DIR, "meaning.json"))
    print("meaning.json %d B  %d cases, %d fdtrc, %d betainc, %d gammaln" % (
        size, len(obj["cases"]), len(obj["fdtrc"]), len(obj["betainc"]), len(obj["gammaln"])))
    for c in obj["cases"]:
        print("  %-16s n=%d d=%d k=%d sizes=%s  f_classif vs f_oneway max rel %.3g  "
              "transform vs direct distance max rel %.3g  outliers=%d" % (
                  c["name"], c["n"], c["d"], c["k"], c["sizes"],
                  c["f_classif_vs_f_oneway_max_rel_diff"],
                  c["diagnostics"]["max_transform_rel_diff"], len(c["diagnostics"]["outliers"])))
    for note in obj["notes"]:
        print("  note:", note)


# ---------------------------------------------------------------------------

def describe(name, obj):
    path = os.path.join(OUT_DIR, name + ".json")
    size = os.path.getsize(path)
    if "X" in obj:
        n, d = len(obj["X"]), len(obj["X"][0])
        parts = ["%dx%d" % (n, d), "scaling=%s" % obj["scaling"],
                 "lloyd=%s" % ",".join("%s(n_iter=%d)" % (c["case"], c["n_iter"])
                                       for c in obj["lloyd"]),
                 "kmeanspp=%d" % len(obj["kmeanspp"]),
                 "random_init=%d" % len(obj["random_init"]),
                 "sil_samples=%d" % len(obj["metrics"].get("silhouette_samples", [])),
                 "Xt=%s" % "+".join(s for s in ("standard", "minmax")
                                    if "Xt" in obj["scalers"][s]),
                 "elkan_equal=%s" % obj["elkan_equals_lloyd"]]
    elif "curves" in obj:
        parts = ["%d curves" % len(obj["curves"])] + [
            "%s:knee=%s" % (c["name"], c["knee"]) for c in obj["curves"]]
    else:
        parts = ["%d streams" % len(obj["streams"])]
    print("%-17s %9d B  %s" % (name + ".json", size, "  ".join(parts)))


def verify_roundtrip(name, obj):
    with open(os.path.join(OUT_DIR, name + ".json"), encoding="utf-8") as f:
        back = json.load(f)
    assert back == to_py(obj), name + ": JSON round trip changed values"
    if "X" in back:
        n, d = len(back["X"]), len(back["X"][0])
        assert all(len(r) == d for r in back["X"])
        for c in back["lloyd"] + back["kmeanspp"] + back["random_init"]:
            assert len(c["labels"]) == n and len(c["centers"]) == c["k"]
            assert all(len(r) == d for r in c["centers"])
        for s in back["scalers"].values():
            if "Xt" in s:
                assert len(s["Xt"]) == n and all(len(r) == d for r in s["Xt"])
        if "silhouette_samples" in back["metrics"]:
            assert len(back["metrics"]["silhouette_samples"]) == n


def main():
    if sklearn.__version__ != EXPECTED_SKLEARN:
        sys.stderr.write("warning: scikit-learn %s, fixtures were designed for %s; "
                         "values may change.\n" % (sklearn.__version__, EXPECTED_SKLEARN))
    os.makedirs(OUT_DIR, exist_ok=True)
    # "make_fixtures.py dbscan" writes only the DBSCAN files.
    if sys.argv[1:] == ["dbscan"]:
        for obj in dbscan_fixtures():
            describe_dbscan(obj)
        return
    # "make_fixtures.py meaning" writes only meaning.json.
    if sys.argv[1:] == ["meaning"]:
        describe_meaning(meaning_fixture())
        return
    if pd is None:
        sys.stderr.write("error: the full run needs pandas (apt-get install -y python3-pandas)\n")
        sys.exit(1)
    written = []
    all_notes = []
    scaled = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        for make in DATASETS:
            spec = make()
            fixture, Xc, notes = build_dataset(spec)
            scaled[spec["name"]] = Xc
            write_json(spec["name"], fixture)
            verify_roundtrip(spec["name"], fixture)
            written.append((spec["name"], fixture))
            all_notes += ["%s: %s" % (spec["name"], s) for s in notes]
        kn = kneedle_fixture(scaled["iris"], scaled["customers"])
        write_json("kneedle", kn)
        verify_roundtrip("kneedle", kn)
        written.append(("kneedle", kn))
        rng = rng_fixture()
        write_json("rng", rng)
        verify_roundtrip("rng", rng)
        written.append(("rng", rng))
    print("scikit-learn %s, numpy %s, scipy %s, pandas %s -> %s" % (
        sklearn.__version__, np.__version__, scipy.__version__, pd.__version__,
        os.path.relpath(OUT_DIR, REPO_ROOT)))
    for name, obj in written:
        describe(name, obj)
    for note in all_notes:
        print("  note:", note)
    for obj in dbscan_fixtures():
        describe_dbscan(obj)


if __name__ == "__main__":
    main()
