;; CRC-64/XZ (reflected polynomial 0xC96C5795D7870F42), slicing-by-16 with i64 loads.
;;
;; Source of packages/crc64/src/wasm-module.ts: after editing, run
;;   node scripts/build-crc64-wasm.mjs
;;
;; Memory layout (2 pages, 128 KiB, never grows):
;;   [0, 32768)        16 lookup tables of 256 little-endian i64 entries; table k at k * 2048.
;;                     T0 is the byte-at-a-time table; Tk[i] = (Tk-1[i] >> 8) ^ T0[Tk-1[i] & 0xff],
;;                     i.e. the register effect of byte i followed by k zero bytes.
;;   [32768, 32776)    the CRC register (NOT complemented: the caller complements on entry and
;;                     exit), read and written by `update`.
;;   [65536, 131072)   the input block: the caller copies up to 64 KiB of input here.
;;
;; Exports: memory, init() (fills the tables, call once), update(ptr, len).
(module
  (memory (export "memory") 2)

  (func (export "init")
    (local $i i32) (local $bit i32) (local $c i64)
    ;; T0: eight reflected shift-and-xor steps per byte value.
    (loop $byte
      (local.set $c (i64.extend_i32_u (local.get $i)))
      (local.set $bit (i32.const 8))
      (loop $bits
        (local.set $c
          (i64.xor
            (i64.shr_u (local.get $c) (i64.const 1))
            (i64.and
              (i64.const 0xC96C5795D7870F42)
              (i64.sub (i64.const 0) (i64.and (local.get $c) (i64.const 1))))))
        (br_if $bits (local.tee $bit (i32.sub (local.get $bit) (i32.const 1)))))
      (i64.store (i32.shl (local.get $i) (i32.const 3)) (local.get $c))
      (br_if $byte
        (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 256))))
    ;; T1..T15, entry by entry: each from the entry 2048 bytes (one table) before it.
    (local.set $i (i32.const 2048))
    (loop $entry
      (local.set $c (i64.load (i32.sub (local.get $i) (i32.const 2048))))
      (i64.store (local.get $i)
        (i64.xor
          (i64.shr_u (local.get $c) (i64.const 8))
          (i64.load (i32.shl (i32.wrap_i64 (i64.and (local.get $c) (i64.const 0xff)))
                             (i32.const 3)))))
      (br_if $entry
        (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 8))) (i32.const 32768)))))

  ;; Feeds `len` bytes at `ptr` through the register at 32768.
  (func (export "update") (param $p i32) (param $len i32)
    (local $crc i64) (local $w i64) (local $end i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32)
    (local.set $crc (i64.load (i32.const 32768)))

    ;; Bulk: 16 bytes per step. The register is xored into the first 8 bytes; byte j of the
    ;; block (j = 0..15) is looked up in table 15 - j. Table indices are byte * 8, taken
    ;; straight from the 32-bit halves as (half >> (8m - 3)) & 0x7f8.
    (local.set $end (i32.add (local.get $p) (i32.and (local.get $len) (i32.const -16))))
    (if (i32.ne (local.get $p) (local.get $end))
      (then
        (loop $bulk
          (local.set $w (i64.xor (i64.load (local.get $p)) (local.get $crc)))
          (local.set $a0 (i32.wrap_i64 (local.get $w)))
          (local.set $a1 (i32.wrap_i64 (i64.shr_u (local.get $w) (i64.const 32))))
          (local.set $w (i64.load offset=8 (local.get $p)))
          (local.set $b0 (i32.wrap_i64 (local.get $w)))
          (local.set $b1 (i32.wrap_i64 (i64.shr_u (local.get $w) (i64.const 32))))
          (local.set $crc
            (i64.xor
              (i64.xor
                (i64.xor
                  (i64.xor
                    (i64.load offset=30720
                      (i32.and (i32.shl (local.get $a0) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=28672
                      (i32.and (i32.shr_u (local.get $a0) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=26624
                      (i32.and (i32.shr_u (local.get $a0) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load offset=24576
                      (i32.shl (i32.shr_u (local.get $a0) (i32.const 24)) (i32.const 3)))))
                (i64.xor
                  (i64.xor
                    (i64.load offset=22528
                      (i32.and (i32.shl (local.get $a1) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=20480
                      (i32.and (i32.shr_u (local.get $a1) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=18432
                      (i32.and (i32.shr_u (local.get $a1) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load offset=16384
                      (i32.shl (i32.shr_u (local.get $a1) (i32.const 24)) (i32.const 3))))))
              (i64.xor
                (i64.xor
                  (i64.xor
                    (i64.load offset=14336
                      (i32.and (i32.shl (local.get $b0) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=12288
                      (i32.and (i32.shr_u (local.get $b0) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=10240
                      (i32.and (i32.shr_u (local.get $b0) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load offset=8192
                      (i32.shl (i32.shr_u (local.get $b0) (i32.const 24)) (i32.const 3)))))
                (i64.xor
                  (i64.xor
                    (i64.load offset=6144
                      (i32.and (i32.shl (local.get $b1) (i32.const 3)) (i32.const 0x7f8)))
                    (i64.load offset=4096
                      (i32.and (i32.shr_u (local.get $b1) (i32.const 5)) (i32.const 0x7f8))))
                  (i64.xor
                    (i64.load offset=2048
                      (i32.and (i32.shr_u (local.get $b1) (i32.const 13)) (i32.const 0x7f8)))
                    (i64.load
                      (i32.shl (i32.shr_u (local.get $b1) (i32.const 24)) (i32.const 3))))))))
          (br_if $bulk
            (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $end))))))

    ;; Tail: the last len % 16 bytes, one at a time through T0.
    (local.set $end (i32.add (local.get $p) (i32.and (local.get $len) (i32.const 15))))
    (if (i32.ne (local.get $p) (local.get $end))
      (then
        (loop $tail
          (local.set $crc
            (i64.xor
              (i64.shr_u (local.get $crc) (i64.const 8))
              (i64.load
                (i32.shl
                  (i32.and
                    (i32.xor (i32.wrap_i64 (local.get $crc)) (i32.load8_u (local.get $p)))
                    (i32.const 0xff))
                  (i32.const 3)))))
          (br_if $tail
            (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $end))))))

    (i64.store (i32.const 32768) (local.get $crc))))
