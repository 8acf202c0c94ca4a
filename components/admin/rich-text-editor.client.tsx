'use client'

import Image from '@tiptap/extension-image'
import Youtube from '@tiptap/extension-youtube'
import { EditorContent, useEditor, useEditorState } from '@tiptap/react'
import StarterKit from '@tiptap/starter-kit'
import { useState } from 'react'

type MediaChoice = { id: number; label: string; src: string }

/**
 * The article body: a visual editor with the formatting newsrooms use, and an HTML view for
 * pasting embed code or fixing markup. Whatever it produces is sanitized again on the server.
 */
export function RichTextEditor({
  name,
  id,
  label,
  initialHtml,
  media,
  describedBy,
}: {
  name: string
  id: string
  label: string
  initialHtml: string
  media: MediaChoice[]
  describedBy?: string
}) {
  const [html, setHtml] = useState(initialHtml)
  const [mode, setMode] = useState<'visual' | 'html'>('visual')
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: { levels: [2, 3, 4] },
        // http, https and mailto are linkify's own schemes: registering them again as custom
        // protocols logs "linkifyjs: already initialized" once each, on every editor load.
        link: {
          openOnClick: false,
          autolink: true,
          isAllowedUri: (url, { defaultValidate }) =>
            defaultValidate(url) && (/^(https?|mailto):/i.test(url) || !/^[a-z][a-z\d+.-]*:/i.test(url)),
        },
      }),
      Image,
      Youtube.configure({ nocookie: true, width: 640, height: 360 }),
    ],
    content: initialHtml,
    // Rendered on the client only: the server has no DOM for ProseMirror.
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': label,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        class: 'prose max-w-none min-h-80 p-3 focus:outline-none dark:prose-invert',
      },
    },
    onUpdate: ({ editor }) => setHtml(editor.getHTML()),
  })
  const active = useEditorState({
    editor,
    selector: ({ editor }) =>
      editor
        ? {
            bold: editor.isActive('bold'),
            italic: editor.isActive('italic'),
            h2: editor.isActive('heading', { level: 2 }),
            h3: editor.isActive('heading', { level: 3 }),
            bullet: editor.isActive('bulletList'),
            ordered: editor.isActive('orderedList'),
            quote: editor.isActive('blockquote'),
            link: editor.isActive('link'),
          }
        : null,
  })

  const chain = () => editor?.chain().focus()
  const button = (text: string, pressed: boolean | undefined, onClick: () => void) => (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      disabled={mode !== 'visual'}
      className="rounded px-2 py-1 text-sm hover:bg-zinc-200 disabled:opacity-40 aria-pressed:bg-zinc-300 dark:hover:bg-zinc-700 dark:aria-pressed:bg-zinc-600"
    >
      {text}
    </button>
  )

  function toggleMode() {
    if (mode === 'html') editor?.commands.setContent(html)
    setMode(mode === 'visual' ? 'html' : 'visual')
  }

  function addLink() {
    const url = window.prompt('Link address (https://…)')
    if (url === null) return
    if (url === '') chain()?.unsetLink().run()
    else if (/^(https?:|mailto:)/i.test(url)) chain()?.setLink({ href: url }).run()
  }

  function addEmbed() {
    const url = window.prompt('YouTube or X (Twitter) post address')
    if (!url || !/^https:\/\//i.test(url)) return
    if (/youtube\.com|youtu\.be/i.test(url)) chain()?.setYoutubeVideo({ src: url }).run()
    // X posts are kept as a plain link: no third-party script runs on our pages.
    else
      chain()
        ?.insertContent(`<blockquote><p><a href="${encodeURI(url)}">${encodeURI(url)}</a></p></blockquote>`)
        .run()
  }

  return (
    <div className="mt-1 rounded border border-zinc-300 bg-white dark:border-zinc-600 dark:bg-zinc-900">
      <div
        role="toolbar"
        aria-label="Formatting"
        aria-controls={id}
        className="flex flex-wrap items-center gap-1 border-b border-zinc-200 p-1 dark:border-zinc-700"
      >
        {button('Bold', active?.bold, () => chain()?.toggleBold().run())}
        {button('Italic', active?.italic, () => chain()?.toggleItalic().run())}
        {button('Heading', active?.h2, () => chain()?.toggleHeading({ level: 2 }).run())}
        {button('Subheading', active?.h3, () => chain()?.toggleHeading({ level: 3 }).run())}
        {button('Bulleted list', active?.bullet, () => chain()?.toggleBulletList().run())}
        {button('Numbered list', active?.ordered, () => chain()?.toggleOrderedList().run())}
        {button('Quote', active?.quote, () => chain()?.toggleBlockquote().run())}
        {button('Link', active?.link, addLink)}
        {button('Embed', undefined, addEmbed)}
        {media.length > 0 && (
          <select
            aria-label="Insert image from the media library"
            disabled={mode !== 'visual'}
            value=""
            onChange={(e) => {
              const m = media.find((x) => String(x.id) === e.target.value)
              if (m) chain()?.setImage({ src: m.src, alt: m.label }).run()
            }}
            className="rounded border border-zinc-300 bg-transparent px-1 py-1 text-sm dark:border-zinc-600"
          >
            <option value="">Insert image…</option>
            {media.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>
        )}
        <span className="flex-1" />
        {button('Undo', undefined, () => chain()?.undo().run())}
        {button('Redo', undefined, () => chain()?.redo().run())}
        <button
          type="button"
          onClick={toggleMode}
          aria-pressed={mode === 'html'}
          className="rounded border border-zinc-300 px-2 py-1 text-sm dark:border-zinc-600"
        >
          {mode === 'visual' ? 'HTML' : 'Visual'}
        </button>
      </div>
      <div hidden={mode !== 'visual'}>
        <EditorContent editor={editor} />
      </div>
      {mode === 'html' && (
        <textarea
          aria-label={`${label} HTML`}
          value={html}
          onChange={(e) => setHtml(e.target.value)}
          rows={18}
          className="block w-full bg-transparent p-3 font-mono text-sm"
        />
      )}
      <input type="hidden" name={name} value={html} />
    </div>
  )
}
