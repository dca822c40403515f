import { createRandomState } from "../../../src/engine";
import { loadJson } from "../fixtures";

type Stream = {
  seed: number;
  uint32: number[];
  random_sample: number[];
  randint_n: number[];
  randint: number[];
  permutation_20: number[];
};

describe("RandomState reproduces numpy's legacy MT19937 streams", () => {
  const { streams } = loadJson<{ streams: Stream[] }>("rng.json");
  test.each(streams.map((s) => [s.seed, s] as const))("seed %d", (seed, s) => {
    let rs = createRandomState(seed);
    expect(s.uint32.map(() => rs.nextUint32())).toEqual(s.uint32);
    rs = createRandomState(seed);
    expect(s.random_sample.map(() => rs.randomSample())).toEqual(s.random_sample);
    rs = createRandomState(seed);
    expect(s.randint_n.map((n) => rs.randint(n))).toEqual(s.randint);
    rs = createRandomState(seed);
    expect(Array.from(rs.permutation(20))).toEqual(s.permutation_20);
  });

  test("seeds outside numpy's range are refused", () => {
    expect(() => createRandomState(-1)).toThrow("seed=-1 must be an integer between 0 and 2**32 - 1");
    expect(() => createRandomState(2 ** 32)).toThrow(RangeError);
  });
});
