import { returnMemory, takeMemory } from "../../../src/engine/wasm/memoryPool";

const PAGE = 65536;

const idle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

// Each test starts with no spare: the last one's is dropped once the thread idles.
beforeEach(idle);

describe("the spare WebAssembly memory", () => {
  test("a returned memory is taken again, grown when more is needed", () => {
    const a = takeMemory(2);
    expect(a.buffer.byteLength).toBe(2 * PAGE);
    returnMemory(a);
    const b = takeMemory(5);
    expect(b).toBe(a);
    expect(b.buffer.byteLength).toBe(5 * PAGE);
    // Taken, so no longer spare: the next caller gets a fresh one.
    expect(takeMemory(1)).not.toBe(a);
    returnMemory(b);
  });

  test("the larger of two returned memories is kept", () => {
    const small = takeMemory(1);
    const large = takeMemory(3);
    returnMemory(large);
    returnMemory(small);
    expect(takeMemory(1)).toBe(large);
  });

  test("the spare is dropped once the thread is idle", async () => {
    const m = takeMemory(1);
    returnMemory(m);
    await idle();
    expect(takeMemory(1)).not.toBe(m);
  });
});
