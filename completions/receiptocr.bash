# bash completion for receiptocr                                    -*- shell-script -*-
# Installed as share/bash-completion/completions/receiptocr. Keep in sync with --help
# (tests/cli/test_docs.sh checks that every option is here).

_receiptocr() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    COMPREPLY=()
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local global_opts="-h --help -V --version -q --quiet -v --verbose --log-format"
  local processing_opts="-l --lang --tessdata-dir --psm --ocr --dpi --no-grayscale --no-normalize
    --no-deskew --no-line-removal --no-orientation --text-height --upscale --binarize --invert --no-retry --date-order --locale --currency
    --field-threshold --document-threshold --accept-unconfirmed-total --accept-missing-invoice-number --require --check -j --jobs --max-pages --max-pixels
    --max-file-size --timeout"
  local fields="merchant vendor_address vendor_phone vendor_email vendor_tax_id date due_date
    invoice_number currency subtotal tax tip total payment_method"

  # The subcommand (and review's own subcommand) on the line so far.
  local sub="" review_sub="" i
  for ((i = 1; i < cword; i++)); do
    case ${words[i]} in
      --log-format) ((i++)) ;;
      -*) ;;
      *)
        if [[ -z $sub ]]; then
          sub=${words[i]}
        elif [[ $sub == review && -z $review_sub ]]; then
          case ${words[i]} in list | show | approve | reject | find-duplicates | apply) review_sub=${words[i]} ;; esac
        fi
        ;;
    esac
  done

  case $prev in
    --log-format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
    --ocr) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    --date-order) COMPREPLY=($(compgen -W "auto dmy mdy" -- "$cur")); return ;;
    --sort) COMPREPLY=($(compgen -W "oldest confidence" -- "$cur")); return ;;
    --status) COMPREPLY=($(compgen -W "approved completed needs_review rejected failed all" -- "$cur")); return ;;
    --require|--check) COMPREPLY=($(compgen -W "$fields" -- "$cur")); return ;;
    -f | --format)
      if [[ $sub == export ]]; then
        COMPREPLY=($(compgen -W "csv jsonl json hledger beancount" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "json jsonl csv" -- "$cur"))
      fi
      return
      ;;
    --tessdata-dir | --save-results | --merge)
      COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --save-text)
      [[ $sub == extract || $sub == eval ]] && { COMPREPLY=($(compgen -d -- "$cur")); return; } ;;
    -o | --out | --output)
      if [[ $sub == batch ]]; then COMPREPLY=($(compgen -d -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
      return
      ;;
    --db | --accounts | --existing)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    -l | --lang)
      local langs
      langs=$(tesseract --list-langs 2>/dev/null | tail -n +2)
      COMPREPLY=($(compgen -W "$langs" -- "$cur")); return ;;
    --psm) COMPREPLY=($(compgen -W "0 1 2 3 4 5 6 7 8 9 10 11 12 13" -- "$cur")); return ;;
    --dpi | --text-height | --locale | --currency | --field-threshold | --document-threshold | -j | --jobs | \
      --max-pages | --max-pixels | --max-file-size | --timeout | --glob | --exclude | --shard | --min | \
      --min-precision | --perturb | --reviewer | --since | --until | --set | --reason | --duplicate-of)
      return ;;
  esac

  local opts
  case $sub in
    "")
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$global_opts" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "extract batch eval review export" -- "$cur"))
      fi
      return
      ;;
    extract) opts="-h --help -o --output -f --format --flat --save-text $processing_opts" ;;
    batch)
      opts="-h --help -o --out --db --glob --exclude --follow-symlinks --force --retry-failed --no-duplicate-check --csv --save-text
        --shard --merge $processing_opts" ;;
    eval) opts="-h --help --json --errors --sweep --min --min-precision --save-results --save-text --perturb $processing_opts" ;;
    review)
      case $review_sub in
        list) opts="-h --help --json --all" ;;
        show) opts="-h --help --json" ;;
        approve) opts="-h --help --set" ;;
        reject) opts="-h --help --reason --duplicate-of" ;;
        find-duplicates | apply) opts="-h --help" ;;
        *)
          opts="-h --help --db --reviewer --sort --date-order"
          if [[ $cur != -* ]]; then
            COMPREPLY=($(compgen -W "list show approve reject find-duplicates apply" -- "$cur") $(compgen -d -- "$cur"))
            return
          fi
          ;;
      esac
      ;;
    export)
      opts="-h --help --db -f --format --status --since --until -o --output --line-items --accounts --existing
        --currency" ;;
    *) return ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts $global_opts" -- "$cur"))
  elif [[ $sub == export || ($sub == review && -z $review_sub) || $sub == eval ]]; then
    COMPREPLY=($(compgen -d -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
} &&
  complete -o filenames -F _receiptocr receiptocr
