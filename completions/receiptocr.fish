# fish completion for receiptocr. Installed into share/fish/vendor_completions.d. Keep in sync
# with --help (tests/cli/test_docs.sh checks that every option is here).

set -l subcommands extract batch eval review export
set -l processing extract batch eval
set -l review_subcommands list show approve reject find-duplicates apply

function __receiptocr_review_sub
    set -l words (commandline -opc)
    set -l seen_review 0
    for w in $words[2..-1]
        if test $seen_review -eq 1
            switch $w
                case list show approve reject find-duplicates apply
                    echo $w
                    return 0
            end
        else if test "$w" = review
            set seen_review 1
        end
    end
    return 1
end

function __receiptocr_in_review_sub
    set -l sub (__receiptocr_review_sub)
    test "$sub" = "$argv[1]"
end

complete -c receiptocr -f

# Global options
complete -c receiptocr -s h -l help -d 'Print help and exit'
complete -c receiptocr -s V -l version -d 'Print the version and exit'
complete -c receiptocr -s q -l quiet -d 'Only errors on stderr'
complete -c receiptocr -s v -l verbose -d 'More detail on stderr (repeat for debug)'
complete -c receiptocr -l log-format -x -a 'text json' -d 'Diagnostics as text or JSON Lines'

# Subcommands
complete -c receiptocr -n "not __fish_seen_subcommand_from $subcommands" -a extract -d 'Extract fields from images/PDFs'
complete -c receiptocr -n "not __fish_seen_subcommand_from $subcommands" -a batch -d 'Process folders in parallel into OUT'
complete -c receiptocr -n "not __fish_seen_subcommand_from $subcommands" -a eval -d 'Measure accuracy against *.truth.json'
complete -c receiptocr -n "not __fish_seen_subcommand_from $subcommands" -a review -d 'Work the NEEDS_REVIEW queue'
complete -c receiptocr -n "not __fish_seen_subcommand_from $subcommands" -a export -d 'Export stored results'

# Processing options (extract, batch, eval)
set -l p "__fish_seen_subcommand_from $processing"
complete -c receiptocr -n $p -s l -l lang -x -a '(tesseract --list-langs 2>/dev/null | tail -n +2)' -d 'Tesseract language(s), e.g. deu+eng'
complete -c receiptocr -n $p -l tessdata-dir -x -a '(__fish_complete_directories)' -d 'Directory holding *.traineddata'
complete -c receiptocr -n $p -l psm -x -a '0 1 2 3 4 5 6 7 8 9 10 11 12 13' -d 'Page segmentation mode (default 6)'
complete -c receiptocr -n $p -l ocr -x -a 'auto always never' -d 'PDF pages: text layer or OCR'
complete -c receiptocr -n $p -l dpi -x -d 'Resolution for rasterising PDF pages (default 300)'
complete -c receiptocr -n $p -l no-grayscale -d 'Skip grayscale conversion'
complete -c receiptocr -n $p -l no-normalize -d 'Skip resolution normalisation'
complete -c receiptocr -n $p -l no-deskew -d 'Skip deskewing'
complete -c receiptocr -n $p -l no-line-removal -d 'Keep ruled lines instead of whitening them before OCR'
complete -c receiptocr -n $p -l no-orientation -d 'Skip 90/180/270 orientation detection'
complete -c receiptocr -n $p -l text-height -x -d 'Normalisation target glyph height (default 30)'
complete -c receiptocr -n $p -l upscale -d 'Scale small text up already in the first reading'
complete -c receiptocr -n $p -l binarize -d 'Binarise with Sauvola before OCR'
complete -c receiptocr -n $p -l invert -d 'Also try low-confidence lines as white-on-black text'
complete -c receiptocr -n $p -l no-retry -d 'No second OCR reading when the total or date is missing'
complete -c receiptocr -n $p -l date-order -x -a 'auto dmy mdy' -d 'How numeric dates read'
complete -c receiptocr -n $p -l locale -x -d 'Locale such as en_US (sets the date order)'
complete -c receiptocr -n $p -l currency -x -d 'Currency when the document names none'
complete -c receiptocr -n $p -l field-threshold -x -d 'Minimum confidence of required fields (0.6)'
complete -c receiptocr -n $p -l document-threshold -x -d 'Minimum document confidence (0.65)'
complete -c receiptocr -n $p -l accept-unconfirmed-total -d 'Let an OCR total no sum confirms be COMPLETED'
complete -c receiptocr -n $p -l accept-missing-invoice-number -d 'Let an invoice without its number be COMPLETED'
complete -c receiptocr -n $p -l require -x -a 'merchant vendor_address vendor_phone vendor_email vendor_tax_id date due_date invoice_number currency subtotal tax tip total payment_method' -d 'Fields required for COMPLETED'
complete -c receiptocr -n $p -l check -x -a 'merchant vendor_address vendor_phone vendor_email vendor_tax_id date due_date invoice_number currency subtotal tax tip total payment_method' -d 'Fields that must be confident when found'
complete -c receiptocr -n $p -s j -l jobs -x -d 'Parallel OCR workers (default: cores)'
complete -c receiptocr -n $p -l max-pages -x -d 'Refuse documents with more pages (500)'
complete -c receiptocr -n $p -l max-pixels -x -d 'Refuse pages with more pixels'
complete -c receiptocr -n $p -l max-file-size -x -d 'Refuse files larger than this many bytes'
complete -c receiptocr -n $p -l timeout -x -d 'Seconds one page may take in OCR (0 = no limit)'

# extract
set -l e "__fish_seen_subcommand_from extract"
complete -c receiptocr -n $e -F
complete -c receiptocr -n $e -s o -l output -r -F -d 'Write to FILE atomically'
complete -c receiptocr -n $e -s f -l format -x -a 'json jsonl csv' -d 'Output format'
complete -c receiptocr -n $e -l flat -d 'Only merchant, date, subtotal, tax, total'
complete -c receiptocr -n $e -l save-text -x -a '(__fish_complete_directories)' -d 'Keep the raw text in DIR'

# batch
set -l b "__fish_seen_subcommand_from batch"
complete -c receiptocr -n $b -F
complete -c receiptocr -n $b -s o -l out -x -a '(__fish_complete_directories)' -d 'Output folder'
complete -c receiptocr -n $b -l db -r -F -d 'State database'
complete -c receiptocr -n $b -l glob -x -d 'Only files matching PATTERN'
complete -c receiptocr -n $b -l exclude -x -d 'Skip files and folders matching PATTERN'
complete -c receiptocr -n $b -l follow-symlinks -d 'Follow symbolic links to folders and out of the input'
complete -c receiptocr -n $b -l force -d 'Process documents again even when done'
complete -c receiptocr -n $b -l retry-failed -d 'Process FAILED documents again'
complete -c receiptocr -n $b -l no-duplicate-check -d 'Do not route possible duplicates to review'
complete -c receiptocr -n $b -l csv -d 'Also write OUT/results.csv'
complete -c receiptocr -n $b -l save-text -d 'Also write the OCR text and words'
complete -c receiptocr -n $b -l shard -x -d 'Process only part K of N (K/N)'
complete -c receiptocr -n $b -l merge -x -a '(__fish_complete_directories)' -d 'Import other output folders first'

# eval
set -l v "__fish_seen_subcommand_from eval"
complete -c receiptocr -n $v -a '(__fish_complete_directories)'
complete -c receiptocr -n $v -l json -d 'Print the report as JSON'
complete -c receiptocr -n $v -l errors -d 'List every wrong field'
complete -c receiptocr -n $v -l sweep -d 'Automation and precision at several thresholds'
complete -c receiptocr -n $v -l min -x -d 'Fail below FIELD=RATIO or DATASET:FIELD=RATIO'
complete -c receiptocr -n $v -l min-precision -x -d 'Fail when auto-accept precision is below RATIO'
complete -c receiptocr -n $v -l save-results -x -a '(__fish_complete_directories)' -d 'Write every result JSON into DIR'
complete -c receiptocr -n $v -l save-text -x -a '(__fish_complete_directories)' -d 'Keep the OCR text of every document in DIR'
complete -c receiptocr -n $v -l perturb -x -d 'Change every image a little first: scale=F,rotate=DEG,jpeg=Q'

# review
set -l r "__fish_seen_subcommand_from review; and not __fish_seen_subcommand_from $review_subcommands"
complete -c receiptocr -n $r -a '(__fish_complete_directories)'
complete -c receiptocr -n $r -a list -d 'List the documents needing review'
complete -c receiptocr -n $r -a show -d 'Show one document'
complete -c receiptocr -n $r -a approve -d 'Approve a document, optionally correcting fields'
complete -c receiptocr -n $r -a reject -d 'Reject a document'
complete -c receiptocr -n $r -a find-duplicates -d 'Route likely duplicates to review'
complete -c receiptocr -n $r -a apply -d 'Apply JSON Lines decisions from FILE or -'
complete -c receiptocr -n $r -l db -r -F -d 'State database'
complete -c receiptocr -n $r -l reviewer -x -d 'Name recorded in the audit trail'
complete -c receiptocr -n $r -l sort -x -a 'oldest confidence' -d 'Queue order'
complete -c receiptocr -n $r -l date-order -x -a 'auto dmy mdy' -d 'How corrected numeric dates read'
complete -c receiptocr -n '__receiptocr_in_review_sub list' -l json -d 'A JSON array instead of a table'
complete -c receiptocr -n '__receiptocr_in_review_sub list' -l all -d 'Every document, not only NEEDS_REVIEW'
complete -c receiptocr -n '__receiptocr_in_review_sub show' -l json -d 'The stored result object'
complete -c receiptocr -n '__receiptocr_in_review_sub approve' -l set -x -d 'Correct a field: FIELD=VALUE'
complete -c receiptocr -n '__receiptocr_in_review_sub reject' -l reason -x -d 'Why (kept in the audit trail)'
complete -c receiptocr -n '__receiptocr_in_review_sub reject' -l duplicate-of -x -d 'Reject as a duplicate of this document'
complete -c receiptocr -n '__receiptocr_in_review_sub apply' -F

# export
set -l x "__fish_seen_subcommand_from export"
complete -c receiptocr -n $x -a '(__fish_complete_directories)'
complete -c receiptocr -n $x -l db -r -F -d 'State database'
complete -c receiptocr -n $x -s f -l format -x -a 'csv jsonl json hledger beancount' -d 'Output format'
complete -c receiptocr -n $x -l status -x -a 'approved completed needs_review rejected failed all' -d 'Statuses to export'
complete -c receiptocr -n $x -l since -x -d 'Only documents dated on or after YYYY-MM-DD'
complete -c receiptocr -n $x -l until -x -d 'Only documents dated on or before YYYY-MM-DD'
complete -c receiptocr -n $x -s o -l output -r -F -d 'Write to FILE atomically'
complete -c receiptocr -n $x -l line-items -d 'CSV: one row per line item'
complete -c receiptocr -n $x -l accounts -r -F -d 'Rules file mapping merchants to accounts'
complete -c receiptocr -n $x -l existing -r -F -d 'Skip documents already in this journal'
complete -c receiptocr -n $x -l currency -x -d 'Currency for documents that name none'
