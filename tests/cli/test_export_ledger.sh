#!/usr/bin/env bash
# export --format hledger/beancount: accepted by the real `hledger -f FILE print` and
# `bean-check`; accounts from a rules file; NEEDS_REVIEW flagged '!'; REJECTED left out;
# --existing skips documents already in the journal.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/export_lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 (the command-line tool) is not installed"
[ -f "$TESTDATA/invoice.pdf" ] || skip "testdata/invoice.pdf missing"
have_hledger=1; command -v hledger >/dev/null || have_hledger=0
have_beancount=1; command -v bean-check >/dev/null || have_beancount=0
[ $have_hledger = 1 ] || [ $have_beancount = 1 ] || skip "neither hledger nor bean-check is installed (apt-get install hledger beancount)"
make_export_folder "$WORK/out"
cat > "$WORK/accounts" <<'RULES'
# merchant pattern        account
trader joe*               Expenses:Groceries
krause                    Expenses:Electronics
@default                  Expenses:Office
@tax                      Expenses:Tax:Sales
@payment visa             Liabilities:Visa
@payment                  Assets:Checking
RULES

"$RECEIPTOCR" export "$WORK/out" --format hledger --status all --accounts "$WORK/accounts" -o "$WORK/all.journal" \
  || fail "hledger export"
grep -q 'Rejected Shop' "$WORK/all.journal" && fail "a REJECTED document was exported to the journal"
grep -q '^2024-02-05 ! NORTHWIND DESIGN STUDIO LLC$' "$WORK/all.journal" || fail "NEEDS_REVIEW entry not flagged '!'"
grep -q '^    Expenses:Groceries  *31.39 USD$' "$WORK/all.journal" || fail "merchant rule / expense net of tax"
grep -q '^    Expenses:Tax:Sales  *2.28 USD$' "$WORK/all.journal" || fail "tax posting"
grep -q '^    Liabilities:Visa  *-33.67 USD$' "$WORK/all.journal" || fail "payment method rule"
grep -q '^    Expenses:Electronics  *1037.45 EUR$' "$WORK/all.journal" || fail "substring rule"
grep -q '^    Expenses:Office ' "$WORK/all.journal" || fail "@default"
grep -q '^    Assets:Checking  *-2500.58 USD$' "$WORK/all.journal" || fail "@payment default"
"$RECEIPTOCR" export "$WORK/out" --format beancount --status all --accounts "$WORK/accounts" -o "$WORK/all.beancount" \
  || fail "beancount export"
grep -q '^2024-02-05 ! "NORTHWIND DESIGN STUDIO LLC" ""$' "$WORK/all.beancount" || fail "beancount flag"
grep -q '^  sha256: "9f24' "$WORK/all.beancount" || fail "beancount sha256 metadata"

if [ $have_hledger = 1 ]; then
  hledger -f "$WORK/all.journal" print > "$WORK/print" 2> "$WORK/err" || { cat "$WORK/err"; fail "hledger rejected the journal"; }
  [ "$(grep -c '^20' "$WORK/print")" = 3 ] || fail "hledger sees $(grep -c '^20' "$WORK/print") transactions, want 3"
  hledger -f "$WORK/all.journal" bal -N Expenses:Groceries > "$WORK/bal" || fail "hledger bal"
  grep -q '31.39 USD' "$WORK/bal" || fail "hledger balance: $(cat "$WORK/bal")"
  pass "hledger accepts the journal"
else
  echo "note: hledger not installed; journal not checked by hledger"
fi
if [ $have_beancount = 1 ]; then
  bean-check "$WORK/all.beancount" || fail "bean-check rejected the beancount file"
  pass "bean-check accepts the file"
else
  echo "note: bean-check not installed; beancount output not checked"
fi

# --existing: only the new document is exported, and the two files still check together.
"$RECEIPTOCR" export "$WORK/out" --format beancount --accounts "$WORK/accounts" -o "$WORK/old.beancount" || fail "export"
"$RECEIPTOCR" export "$WORK/out" --format beancount --status all --accounts "$WORK/accounts" \
  --existing "$WORK/old.beancount" -o "$WORK/new.beancount" 2>/dev/null || fail "--existing"
[ "$(grep -cE '^[0-9-]{10} [*!] ' "$WORK/new.beancount")" = 1 ] || fail "--existing: $(cat "$WORK/new.beancount")"
grep -qE "open (Assets:Checking|Expenses:Tax:Sales)" "$WORK/new.beancount" && fail "--existing: accounts opened twice"
if [ $have_beancount = 1 ]; then
  cat "$WORK/old.beancount" "$WORK/new.beancount" > "$WORK/both.beancount"
  bean-check "$WORK/both.beancount" || fail "bean-check rejected old + new"
fi
"$RECEIPTOCR" export "$WORK/out" --format hledger --existing "$WORK/all.journal" > "$WORK/none" 2>/dev/null || fail "--existing hledger"
[ ! -s "$WORK/none" ] || fail "--existing: documents exported again"

# A document without a currency uses --currency; a bad rules file is a usage error naming the line.
printf 'Expenses:Food\n' > "$WORK/bad"
"$RECEIPTOCR" export "$WORK/out" --format hledger --accounts "$WORK/bad" 2> "$WORK/err"; rc=$?
[ $rc = 2 ] && grep -q 'line 1' "$WORK/err" || fail "bad accounts file: exit $rc, $(cat "$WORK/err")"
printf 'shop  Food\n' > "$WORK/bad"
"$RECEIPTOCR" export "$WORK/out" --format hledger --accounts "$WORK/bad" 2> "$WORK/err"; rc=$?
[ $rc = 2 ] && grep -q "'Food' is not an account" "$WORK/err" || fail "bad account: exit $rc, $(cat "$WORK/err")"
pass "accounts, --existing"
