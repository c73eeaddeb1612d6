;; Finds the first byte of a window that is not in the base64 alphabet (RFC 4648 §4: A–Z a–z 0–9 + /),
;; 16 bytes per instruction, for base64-span.ts. Compiled to base64-scan.wasm by `npm run build:wasm`.
;;
;; The window is copied to the start of memory; `scan(length)` answers the index of its first byte outside
;; the alphabet, or `length` when there is none. A byte is classified by its two nibbles: the high nibble
;; picks one bit (2 → 1, 3 → 2, 4 → 4, 5 → 8, 6 → 16, 7 → 32; any other → 0), the low nibble the set of high
;; nibbles that make a letter of the alphabet with it, and the byte is in the alphabet when the two share a
;; bit. For example the low nibble 0xB is in `+` (0x2B), `K` (0x4B) and `k` (0x6B): 1 | 4 | 16 = 21.
;; One swizzle per table looks up sixteen bytes at once.
(module
  ;; Two pages: a window of up to 64 KiB, and room past it for the last 16-byte load.
  (memory (export "memory") 2)
  (global $high v128 (v128.const i8x16 0 0 1 2 4 8 16 32 0 0 0 0 0 0 0 0))
  (global $low v128 (v128.const i8x16 42 62 62 62 62 62 62 62 62 62 60 21 20 20 20 21))
  (global $nibble v128 (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15))

  ;; Per lane of $bytes: non-zero when the byte is in the alphabet, zero when it is not.
  (func $classes (param $bytes v128) (result v128)
    (v128.and
      (i8x16.swizzle (global.get $high) (i8x16.shr_u (local.get $bytes) (i32.const 4)))
      (i8x16.swizzle (global.get $low) (v128.and (local.get $bytes) (global.get $nibble)))))

  (func (export "scan") (param $length i32) (result i32)
    (local $at i32)
    (local $outside i32)
    ;; 64 bytes a step while every one is in the alphabet (one test for four vectors: their lane-wise minimum).
    (block $wide
      (loop $step
        (br_if $wide (i32.gt_u (i32.add (local.get $at) (i32.const 64)) (local.get $length)))
        (br_if $wide
          (i32.eqz
            (i8x16.all_true
              (i8x16.min_u
                (i8x16.min_u
                  (call $classes (v128.load offset=0 (local.get $at)))
                  (call $classes (v128.load offset=16 (local.get $at))))
                (i8x16.min_u
                  (call $classes (v128.load offset=32 (local.get $at)))
                  (call $classes (v128.load offset=48 (local.get $at))))))))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br $step)))
    ;; Then 16 at a time, to the first byte outside. The last load may reach past the window: a byte found
    ;; there does not count.
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $at) (local.get $length)))
        (local.set $outside
          (i8x16.bitmask (i8x16.eq (call $classes (v128.load (local.get $at))) (v128.const i64x2 0 0))))
        (if (local.get $outside)
          (then
            (local.set $outside (i32.add (local.get $at) (i32.ctz (local.get $outside))))
            (return
              (select (local.get $outside) (local.get $length)
                (i32.lt_u (local.get $outside) (local.get $length))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $block)))
    (local.get $length)))
