/**
 * The pages' one stylesheet: the GOV.UK Design System's patterns (error summary, messages beside
 * fields, yellow focus, one green primary button), not its brand. Served from `/assets/site.css`
 * so the pages' Content-Security-Policy can forbid inline style.
 */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:19px;line-height:1.45;color:#0b0c0c;background:#f3f2f1}
body{margin:0}
a{color:#1d70b8}a:visited{color:#4c2c92}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
a:focus{background:#ffdd00;color:#0b0c0c;text-decoration:none;box-shadow:0 4px #0b0c0c;outline:none}
.skip{position:absolute;left:-9999px}.skip:focus{position:static;display:block;padding:.5rem}
.header{background:#0b0c0c;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
.header a,.header a:visited{color:#fff}.header a:focus{color:#0b0c0c}
.header .service{font-weight:700;font-size:1.1rem;text-decoration:none}
.nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;margin:0;padding:0;list-style:none}
.nav form{margin:0}.nav button{background:none;border:0;color:#fff;text-decoration:underline;font:inherit;cursor:pointer;padding:0}
.nav button:focus{color:#0b0c0c;background:#ffdd00}
.main{max-width:60rem;margin:0 auto;padding:1rem;background:#fff;min-height:60vh}
.wide{max-width:none}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0 1rem}h2{font-size:1.4rem;margin:1.5rem 0 .75rem}
.caption{color:#505a5f;margin:0}
.form-group{margin-bottom:1.25rem}
.form-group--error{border-left:5px solid #d4351c;padding-left:.75rem}
label,.label{display:block;font-weight:700;margin-bottom:.25rem}
.hint{color:#505a5f;margin:0 0 .25rem}
.error-message{color:#d4351c;font-weight:700;margin:0 0 .25rem}
input[type=text],input[type=email],input[type=password],input[type=tel],input[type=search],select{font:inherit;padding:.3rem;border:2px solid #0b0c0c;width:100%;max-width:30rem;min-height:2.4rem}
input.input--error,select.input--error{border-color:#d4351c}
input.code{max-width:8rem;letter-spacing:.1em}
.button{display:inline-block;font:inherit;font-weight:600;padding:.45rem .9rem;border:0;border-bottom:2px solid #002d18;background:#00703c;color:#fff;cursor:pointer;text-decoration:none;margin:0 .5rem .5rem 0}
.button:hover{background:#005a30}
.button--secondary{background:#f3f2f1;color:#0b0c0c;border-bottom-color:#929191}
.button--warning{background:#d4351c;border-bottom-color:#55150b}
.button:disabled{opacity:.5;cursor:not-allowed}
.error-summary{border:5px solid #d4351c;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0}.error-summary ul{margin:0;padding-left:1.2rem}
.error-summary a{color:#d4351c;font-weight:700}
.notice{border-left:10px solid #1d70b8;background:#f3f2f1;padding:.75rem 1rem;margin-bottom:1.5rem}
.notice--success{border-color:#00703c}
.summary{margin:0 0 1.5rem;border-collapse:collapse;width:100%}
.summary th,.summary td{text-align:left;vertical-align:top;padding:.5rem .75rem .5rem 0;border-bottom:1px solid #b1b4b6}
.summary th{width:35%}
table.data{border-collapse:collapse;width:100%}
table.data th,table.data td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #b1b4b6;vertical-align:top}
.qr svg{width:12rem;height:12rem;display:block}
code.secret{font-size:1.1rem;background:#f3f2f1;padding:.25rem .5rem;word-break:break-all}
fieldset{border:0;padding:0;margin:0 0 1.5rem}legend{font-weight:700;font-size:1.2rem;margin-bottom:.5rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.footer{max-width:60rem;margin:0 auto;padding:1rem;color:#505a5f;font-size:.85rem}
/* positioned, so the visually hidden labels in its cells scroll with it rather than widen the page */
.table-scroll{overflow-x:auto;max-width:100%;position:relative}
label.inline{display:inline;font-weight:400}
input[type=checkbox]{width:1.5rem;height:1.5rem;vertical-align:middle}
.options{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin-bottom:1rem}
.options .option{min-width:8rem}.options input,.options select{max-width:14rem}
.marksheet input.mark,.marksheet input.initials{width:5rem;font:inherit;padding:.2rem;border:2px solid #0b0c0c}
.marksheet input.cell--ok{background:#cce2d8;border-color:#00703c}
.marksheet input.cell--bad{border-color:#d4351c;border-width:3px}
.cell-error{display:block;color:#d4351c;font-weight:700;font-size:.85rem;max-width:14rem}
.cell-error:empty{display:none}
.marksheet td{white-space:nowrap}.marksheet td .cell-error{white-space:normal}
@media (max-width:40rem){html{font-size:16px}.summary th{width:auto;display:block;border:0;padding-bottom:0}.summary td{display:block}}
`;
