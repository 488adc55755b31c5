;;; pyscript-config.el --- Eglot setup for the pyscript-config language server  -*- lexical-binding: t; -*-

;;; Commentary:

;; Runs `pyscript-config server' through Eglot (built into Emacs 29 and newer; the
;; `eglot' package from GNU ELPA on Emacs 26.3 to 28) for HTML, TOML and JSON
;; buffers.  The server itself decides which TOML and JSON files are PyScript
;; configs and leaves the others alone.
;;
;; Load it from your init file:
;;
;;   (load "/path/to/pyscript-config.el")
;;
;; then `M-x eglot' in a page, or start it for every such buffer:
;;
;;   (add-hook 'mhtml-mode-hook #'eglot-ensure)
;;
;; Eglot runs one server per buffer: for these modes this entry takes the place of
;; Eglot's default JSON or TOML server.  See editors/emacs/README.md.

;;; Code:

(defvar pyscript-config-settings
  '(:ignore [] :allowedKeys [])
  "Settings for the pyscript-config server, as a plist of its keys.
Lists are vectors, e.g. (:ignore [\"PSC600\"] :allowedKeys [\"my_app\"]
:severity (:PSC101 \"warning\")).  The keys are in docs/language-server.md.
Set it before this file is loaded.")

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((html-mode mhtml-mode html-ts-mode
                  conf-toml-mode toml-ts-mode
                  js-json-mode json-mode json-ts-mode)
                 . ("pyscript-config" "server")))
  ;; The server asks for its "pyscript-config" section; a value set in a project's
  ;; .dir-locals.el takes precedence over this default.
  (unless (functionp (default-value 'eglot-workspace-configuration))
    (setq-default eglot-workspace-configuration
                  (plist-put (copy-tree (default-value 'eglot-workspace-configuration))
                             :pyscript-config pyscript-config-settings))))

(provide 'pyscript-config)

;;; pyscript-config.el ends here
